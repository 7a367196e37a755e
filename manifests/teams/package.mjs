// Builds the Teams app package: manifest.json (placeholders filled in), color.png and outline.png at the zip root.
//
//   node manifests/teams/package.mjs --base-url https://<host> [--app-id <guid>] [--version 1.0.1]
//                                    [--out artifacts/teams/FeedbackBot.zip]
//
// The app id defaults to the environment variable MicrosoftAppId, else MicrosoftAppId in appsettings.json.
// The filled-in manifest is validated (bundled schema, icons, commands) before anything is written.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readZip, writeZip } from './lib/zip.mjs';
import {
  ConfigError, fillPlaceholders, loadKnownCommands, loadKnownMessageActions, parseBaseUrl, repoRoot, resolveAppId, teamsDir, templatePath,
  validateTeamsManifest,
} from './lib/manifest.mjs';

function refuse(message) {
  console.error(`package.mjs: ${message}`);
  process.exit(1);
}

try {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      'app-id': { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
    },
  });

  const { BaseUrl, BaseHost } = parseBaseUrl(values['base-url']);
  const MicrosoftAppId = resolveAppId(values['app-id']);
  const out = values.out ? resolve(values.out) : join(repoRoot, 'artifacts', 'teams', 'FeedbackBot.zip');

  const manifest = fillPlaceholders(JSON.parse(readFileSync(templatePath, 'utf8')), { MicrosoftAppId, BaseUrl, BaseHost });
  if (values.version !== undefined) manifest.version = values.version;

  const files = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    ...[manifest.icons.color, manifest.icons.outline].map((name) => ({ name, data: readFileSync(join(teamsDir, name)) })),
  ];
  const zip = writeZip(files);

  // Validate what the zip really holds, so a packaging fault is caught as surely as a manifest fault.
  const packed = new Map(readZip(zip).map((e) => [e.name, e.data]));
  const { schemaVersion, errors } = validateTeamsManifest(JSON.parse(packed.get('manifest.json').toString('utf8')), {
    readAsset: (name) => packed.get(name) ?? null,
    knownCommands: loadKnownCommands(),
    knownMessageActions: loadKnownMessageActions(),
  });
  if (errors.length > 0) {
    console.error(JSON.stringify({ valid: false, schemaVersion, errors }, null, 2));
    refuse(`the filled-in manifest is not valid (${errors.length} error(s) above); nothing was written.`);
  }

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  const shown = relative(process.cwd(), out) || out;
  console.log(`Wrote ${shown}: Teams manifest ${schemaVersion}, version ${manifest.version}, app id ${MicrosoftAppId}, bot endpoint ${BaseUrl}/api/messages`);
} catch (error) {
  if (error instanceof ConfigError || error?.code?.startsWith?.('ERR_PARSE_ARGS')) refuse(error.message);
  throw error;
}
