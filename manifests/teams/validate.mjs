// Validates a Teams app manifest offline against the schema bundled in @microsoft/app-manifest for its
// manifestVersion, plus what the schema cannot check (icons, command lists, message actions, placeholders).
//
//   node manifests/teams/validate.mjs [manifest.json | package.zip] [--template] [--commands commands.json]
//
// Without a path it checks the template manifests/teams/manifest.json with sample values in its placeholders
// (--template does the same for another file). Prints {"valid", "manifest", "schemaVersion", "errors"} as JSON;
// exit code 0 when valid, 1 when not, 2 when the input cannot be read.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readZip } from './lib/zip.mjs';
import {
  SAMPLE_VALUES, commandsPath, fillPlaceholders, folderAssets, loadKnownCommands, loadKnownMessageActions, templatePath, validateTeamsManifest,
} from './lib/manifest.mjs';

function fail(code, manifest, message) {
  console.log(JSON.stringify({ valid: false, manifest, schemaVersion: null, errors: [{ source: 'input', path: '/', message }] }, null, 2));
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { template: { type: 'boolean', default: false }, commands: { type: 'string', default: commandsPath } },
  });
} catch (error) {
  fail(2, null, error.message);
}

const target = resolve(args.positionals[0] ?? templatePath);
const template = args.values.template || target === templatePath;
let manifest;
let readAsset;
try {
  if (target.toLowerCase().endsWith('.zip')) {
    const entries = new Map(readZip(readFileSync(target)).map((e) => [e.name, e.data]));
    if (!entries.has('manifest.json')) fail(1, target, 'the zip has no manifest.json at its root');
    manifest = JSON.parse(entries.get('manifest.json').toString('utf8').replace(/^\uFEFF/, ''));
    readAsset = (name) => entries.get(name) ?? null;
  } else {
    manifest = JSON.parse(readFileSync(target, 'utf8').replace(/^\uFEFF/, ''));
    readAsset = folderAssets(dirname(target));
  }
} catch (error) {
  fail(2, target, `cannot read ${target}: ${error.message}`);
}

let knownCommands;
let knownMessageActions;
try {
  knownCommands = loadKnownCommands(resolve(args.values.commands));
  knownMessageActions = loadKnownMessageActions(resolve(args.values.commands));
} catch (error) {
  fail(2, target, `cannot read the bot's commands from ${args.values.commands}: ${error.message}`);
}

if (template) manifest = fillPlaceholders(manifest, SAMPLE_VALUES);
const { schemaVersion, errors } = validateTeamsManifest(manifest, { readAsset, knownCommands, knownMessageActions });
console.log(JSON.stringify({ valid: errors.length === 0, manifest: target, template, schemaVersion, errors }, null, 2));
process.exit(errors.length === 0 ? 0 : 1);
