import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPng } from './png.mjs';

export const teamsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(teamsDir, '..', '..');
export const templatePath = join(teamsDir, 'manifest.json');
export const commandsPath = join(teamsDir, 'commands.json');

/** Values validate.mjs uses to check the template itself, which holds placeholders instead of real values. */
export const SAMPLE_VALUES = {
  MicrosoftAppId: '00000000-0000-0000-0000-000000000000',
  BaseUrl: 'https://bot.example.com',
  BaseHost: 'bot.example.com',
};

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const ICONS = { color: 192, outline: 32, color32x32: 32 };

/** A setting or argument that stops the command; the message names what to fix. */
export class ConfigError extends Error {}

/** appsettings.json may carry comments and trailing commas, as ASP.NET Core allows. */
function parseLenientJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        const start = i;
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
        out += text.slice(start, i + 1);
      } else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
        out += '\n';
      } else if (c === '/' && text[i + 1] === '*') {
        i = text.indexOf('*/', i + 2);
        if (i < 0) break;
        i++;
      } else out += c;
    }
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
  }
}

/**
 * The app id as the bot reads it: --app-id, else the environment variable MicrosoftAppId (present even
 * when empty wins, as in ASP.NET Core), else MicrosoftAppId in the repository's appsettings.json.
 */
export function resolveAppId(cliValue, env = process.env, appSettingsPath = join(repoRoot, 'appsettings.json')) {
  let value;
  let source;
  const envKey = Object.keys(env).find((k) => k.toLowerCase() === 'microsoftappid');
  if (cliValue !== undefined) {
    [value, source] = [cliValue, '--app-id'];
  } else if (envKey !== undefined) {
    [value, source] = [env[envKey], `environment variable ${envKey}`];
  } else if (existsSync(appSettingsPath)) {
    let settings;
    try {
      settings = parseLenientJson(readFileSync(appSettingsPath, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Cannot read ${appSettingsPath}: ${error.message}`);
    }
    const key = Object.keys(settings ?? {}).find((k) => k.toLowerCase() === 'microsoftappid');
    [value, source] = [key === undefined ? '' : String(settings[key] ?? ''), appSettingsPath];
  } else {
    [value, source] = ['', 'nowhere'];
  }

  value = value.trim();
  const howToSet = 'Set the environment variable MicrosoftAppId (the Azure Bot\'s Microsoft App ID), or pass --app-id <guid>.';
  if (value === '') throw new ConfigError(`MicrosoftAppId is empty (read from ${source}). ${howToSet}`);
  if (!GUID.test(value)) throw new ConfigError(`MicrosoftAppId "${value}" (from ${source}) is not a GUID. ${howToSet}`);
  return value;
}

/** The public https address of the bot: BaseUrl without a trailing slash, BaseHost for validDomains. */
export function parseBaseUrl(text) {
  if (!text) throw new ConfigError('--base-url is required: the public https address of the bot, e.g. https://<tunnel-host>.');
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`--base-url "${text}" is not an absolute URL; use https://<host>.`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(`--base-url must be https (Teams only calls https endpoints); got "${text}".`);
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`--base-url must be a plain https://<host>[/path] without credentials, query or fragment; got "${text}".`);
  }
  return { BaseUrl: (url.origin + url.pathname).replace(/\/+$/, ''), BaseHost: url.hostname };
}

function mapStrings(node, map) {
  if (typeof node === 'string') return map(node);
  if (Array.isArray(node)) return node.map((item) => mapStrings(item, map));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapStrings(value, map)]));
  }
  return node;
}

/** Replaces {{Name}} in every string value; unknown names stay, for the checks to report. */
export function fillPlaceholders(manifest, values) {
  return mapStrings(manifest, (text) => text.replace(PLACEHOLDER, (whole, name) => values[name] ?? whole));
}

function findPlaceholders(node, path = '') {
  if (typeof node === 'string') return [...node.matchAll(PLACEHOLDER)].map((m) => ({ path: path || '/', placeholder: m[0] }));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) => findPlaceholders(value, `${path}/${key}`));
  }
  return [];
}

export function hasPlaceholders(manifest) {
  return findPlaceholders(manifest).length > 0;
}

function appManifestPackage() {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('@microsoft/app-manifest/package.json');
  } catch {
    throw new ConfigError('The npm package @microsoft/app-manifest is not installed; run "npm ci" at the repository root.');
  }
}

function schemasDir() {
  return join(dirname(appManifestPackage()), 'build', 'json-schemas', 'teams');
}

/** Released schema versions bundled in @microsoft/app-manifest, oldest first. */
export function bundledSchemaVersions() {
  return readdirSync(schemasDir())
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split('.').map(Number);
      const [bm, bn] = b.split('.').map(Number);
      return am - bm || an - bn;
    });
}

const validators = new Map();

/** Compiles the bundled schema for a manifestVersion the way @microsoft/app-manifest does, never fetching $schema. */
function schemaValidator(manifestVersion) {
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  if (validators.has(folder)) return validators.get(folder);

  const file = join(schemasDir(), folder, 'MicrosoftTeams.schema.json');
  if (typeof manifestVersion !== 'string' || !/^(\d+\.\d+|devPreview)$/.test(manifestVersion) || !existsSync(file)) {
    return null;
  }
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const require = createRequire(appManifestPackage());
  const Ajv = schema.$schema?.includes('2020-12') ? require('ajv/dist/2020') : require('ajv-draft-04');
  const addFormats = require('ajv-formats');
  const ajv = new (Ajv.default ?? Ajv)({ allErrors: true, strictTypes: false });
  (addFormats.default ?? addFormats)(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  validators.set(folder, validate);
  return validate;
}

function schemaErrors(manifest) {
  const version = manifest?.manifestVersion;
  const validate = schemaValidator(version);
  if (!validate) {
    return [{
      source: 'schema',
      path: '/manifestVersion',
      message: `no bundled schema for manifestVersion ${JSON.stringify(version)}; bundled: ${bundledSchemaVersions().join(', ')}`,
    }];
  }
  if (validate(manifest)) return [];
  return validate.errors.map((e) => ({
    source: 'schema',
    path: e.instancePath || '/',
    message: e.keyword === 'additionalProperties' ? `${e.message}: "${e.params.additionalProperty}"` : e.message,
    keyword: e.keyword,
    params: e.params,
  }));
}

export function loadKnownCommands(path = commandsPath) {
  const data = JSON.parse(readFileSync(path, 'utf8'));
  return data.commands.map((c) => c.words);
}

/** The ids of the message actions (composeExtensions action commands) the bot's Teams adapter handles. */
export function loadKnownMessageActions(path = commandsPath) {
  const data = JSON.parse(readFileSync(path, 'utf8'));
  return (data.messageActions ?? []).map((a) => a.id);
}

function iconErrors(manifest, readAsset) {
  const errors = [];
  for (const [kind, size] of Object.entries(ICONS)) {
    const file = manifest?.icons?.[kind];
    if (typeof file !== 'string') continue;
    const path = `/icons/${kind}`;
    const bytes = readAsset(file);
    if (!bytes) {
      errors.push({ source: 'icons', path, message: `icon file "${file}" is missing (it must sit next to manifest.json)` });
      continue;
    }
    let png;
    try {
      png = readPng(bytes);
    } catch (error) {
      errors.push({ source: 'icons', path, message: `icon "${file}" is not a valid PNG: ${error.message}` });
      continue;
    }
    if (png.width !== size || png.height !== size) {
      errors.push({ source: 'icons', path, message: `icon "${file}" is ${png.width}x${png.height}; the ${kind} icon must be ${size}x${size}` });
    }
    if (kind === 'outline') errors.push(...outlineErrors(file, png, path));
  }
  return errors;
}

/** Teams shows the outline icon tinted: it must be white (any opacity) on a transparent background. */
function outlineErrors(file, png, path) {
  if (!png.hasAlpha) return [{ source: 'icons', path, message: `outline icon "${file}" has no transparency (no alpha channel or tRNS)` }];
  if (!png.pixels) return [];
  let transparent = 0;
  let coloured = 0;
  for (let i = 0; i < png.pixels.length; i += 4) {
    const [r, g, b, a] = png.pixels.subarray(i, i + 4);
    if (a === 0) transparent++;
    else if (r < 0xe0 || g < 0xe0 || b < 0xe0) coloured++;
  }
  const errors = [];
  if (transparent === 0) errors.push({ source: 'icons', path, message: `outline icon "${file}" has no transparent pixel; its background must be transparent` });
  if (coloured > 0) errors.push({ source: 'icons', path, message: `outline icon "${file}" has ${coloured} visible pixels that are not white` });
  return errors;
}

function commandErrors(manifest, knownCommands) {
  const errors = [];
  const known = new Set(knownCommands.map((w) => w.toLowerCase()));
  (Array.isArray(manifest?.bots) ? manifest.bots : []).forEach((bot, b) => {
    const botScopes = new Set(bot?.scopes ?? []);
    const listedScopes = new Set();
    (Array.isArray(bot?.commandLists) ? bot.commandLists : []).forEach((list, l) => {
      const path = `/bots/${b}/commandLists/${l}`;
      for (const scope of list?.scopes ?? []) {
        if (!botScopes.has(scope)) errors.push({ source: 'commands', path: `${path}/scopes`, message: `scope "${scope}" is not one of the bot's scopes` });
        if (listedScopes.has(scope)) errors.push({ source: 'commands', path: `${path}/scopes`, message: `scope "${scope}" already has a command list; use one list per scope` });
        listedScopes.add(scope);
      }
      const seen = new Set();
      (Array.isArray(list?.commands) ? list.commands : []).forEach((command, c) => {
        const title = typeof command?.title === 'string' ? command.title.trim() : '';
        const at = `${path}/commands/${c}/title`;
        if (title === '') {
          errors.push({ source: 'commands', path: at, message: 'command title is empty' });
          return;
        }
        if (seen.has(title.toLowerCase())) errors.push({ source: 'commands', path: at, message: `command title "${title}" appears twice in this list` });
        seen.add(title.toLowerCase());
        if (!known.has(title.toLowerCase())) {
          errors.push({ source: 'commands', path: at, message: `"${title}" is not a command the bot understands (known: ${knownCommands.join(', ')})` });
        }
      });
    });
  });
  return errors;
}

/**
 * Message actions reach the bot only when the compose extension names the bot's own id; the bot answers them with a
 * dialog (fetchTask) and knows each command by its id.
 */
function composeExtensionErrors(manifest, knownMessageActions) {
  const errors = [];
  const botId = Array.isArray(manifest?.bots) ? manifest.bots[0]?.botId : undefined;
  (Array.isArray(manifest?.composeExtensions) ? manifest.composeExtensions : []).forEach((extension, e) => {
    const path = `/composeExtensions/${e}`;
    if (botId !== undefined && extension?.botId !== botId) {
      errors.push({ source: 'composeExtensions', path: `${path}/botId`, message: `botId must be the bot's id (bots/0/botId, ${botId}) so the bot receives the action` });
    }
    const seen = new Set();
    (Array.isArray(extension?.commands) ? extension.commands : []).forEach((command, c) => {
      const at = `${path}/commands/${c}`;
      const id = typeof command?.id === 'string' ? command.id : '';
      if (seen.has(id)) errors.push({ source: 'composeExtensions', path: `${at}/id`, message: `command id "${id}" appears twice` });
      seen.add(id);
      if (command?.type !== 'action') return;
      if (knownMessageActions && !knownMessageActions.includes(id)) {
        errors.push({ source: 'composeExtensions', path: `${at}/id`, message: `"${id}" is not a message action the bot handles (known: ${knownMessageActions.join(', ') || 'none'})` });
      }
      if (command.fetchTask !== true) {
        errors.push({ source: 'composeExtensions', path: `${at}/fetchTask`, message: 'must be true: the bot answers the action with its own dialog (the report form)' });
      }
    });
  });
  return errors;
}

function generalErrors(manifest) {
  const errors = findPlaceholders(manifest).map(({ path, placeholder }) => ({
    source: 'placeholders',
    path,
    message: `placeholder ${placeholder} was not filled in; build the package with package.mjs`,
  }));
  const version = manifest?.manifestVersion;
  const schemaUrl = manifest?.$schema;
  const folder = version === 'devPreview' ? 'vDevPreview' : `v${version}`;
  if (typeof schemaUrl === 'string' && typeof version === 'string' && !schemaUrl.includes(`/${folder}/`)) {
    errors.push({ source: 'manifest', path: '/$schema', message: `$schema points at another version than manifestVersion ${version}` });
  }
  if (typeof manifest?.version === 'string' && !/^\d+\.\d+\.\d+$/.test(manifest.version)) {
    errors.push({ source: 'manifest', path: '/version', message: 'version must be MAJOR.MINOR.PATCH, e.g. 1.0.0' });
  }
  for (const path of ['name/short', 'description/short', 'description/full', 'developer/name']) {
    const [a, b] = path.split('/');
    const value = manifest?.[a]?.[b];
    if (typeof value === 'string' && value.trim() === '') errors.push({ source: 'manifest', path: `/${path}`, message: 'must not be empty' });
  }
  (Array.isArray(manifest?.validDomains) ? manifest.validDomains : []).forEach((domain, i) => {
    if (typeof domain === 'string' && /[/:]/.test(domain)) {
      errors.push({ source: 'manifest', path: `/validDomains/${i}`, message: `"${domain}" must be a host name only (no scheme, port or path)` });
    }
  });
  return errors;
}

/**
 * Validates a Teams manifest against the bundled schema of its manifestVersion, then checks what the
 * schema cannot: placeholders, icon files and pixels, command lists against the bot's commands, message actions
 * against the ones the bot handles (when knownMessageActions is given).
 * readAsset(relativePath) returns the bytes of a file next to the manifest, or null.
 */
export function validateTeamsManifest(manifest, { readAsset, knownCommands, knownMessageActions }) {
  const errors = [
    ...schemaErrors(manifest), ...generalErrors(manifest), ...iconErrors(manifest, readAsset), ...commandErrors(manifest, knownCommands),
    ...composeExtensionErrors(manifest, knownMessageActions),
  ];
  return { schemaVersion: manifest?.manifestVersion ?? null, errors };
}

/** readAsset for files in a folder. */
export function folderAssets(folder) {
  return (relative) => {
    const path = resolve(folder, relative);
    return existsSync(path) ? readFileSync(path) : null;
  };
}
