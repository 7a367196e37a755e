// Shared by expand.mjs, validate.mjs and render-png.mjs: where the cards are, the official templating
// library, a Teams-like host config and one headless Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cardsDir = path.join(repoRoot, 'cards');
const require = createRequire(path.join(repoRoot, 'package.json'));

export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function templateNames() {
  return fs.readdirSync(cardsDir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function readTemplate(name) {
  return JSON.parse(fs.readFileSync(path.join(cardsDir, `${name}.json`), 'utf8'));
}

/** Every <card>.data.json and <card>.<variant>.data.json, as { id, template, data }. */
export function sampleCases() {
  const names = new Set(templateNames());
  return fs.readdirSync(cardsDir)
    .filter((f) => f.endsWith('.data.json'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.data.json'.length);
      return { id, template: id.split('.')[0], data: JSON.parse(fs.readFileSync(path.join(cardsDir, f), 'utf8')) };
    })
    .filter((c) => names.has(c.template));
}

/** Expands with the official adaptivecards-templating; template is a card name or a template object. */
export function expandWithJs(template, data) {
  const { Template } = require('adaptivecards-templating');
  const payload = typeof template === 'string' ? readTemplate(template) : template;
  return new Template(payload).expand({ $root: data });
}

export async function readStdinJson() {
  if (process.stdin.isTTY) return undefined;
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.trim().length === 0 ? undefined : JSON.parse(text);
}

/** Launches Debian's Chromium, or exits with code 3 and the install command when it is missing. */
export async function launchChromium() {
  if (!fs.existsSync(chromiumPath)) {
    console.error(`Chromium not found at ${chromiumPath}. Install it: apt-get install chromium`);
    process.exit(3);
  }
  const { chromium } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cards-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport: { width: 800, height: 600 },
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

/** A page with the official renderer's browser bundle loaded and a Teams-like host config. */
export async function openRendererPage(context) {
  const page = context.pages()[0] ?? await context.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  await page.evaluate((hostConfig) => { window.teamsHostConfig = hostConfig; }, teamsHostConfig);
  return page;
}

const segoe = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, 'Helvetica Neue', Arial, sans-serif";
const fontSizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const fontWeights = { lighter: 300, default: 400, bolder: 600 };
const color = (normal, subtle) => ({ default: normal, subtle });

/** Close to Microsoft Teams' light theme (spacing, type ramp, colours, actions, inputs). */
export const teamsHostConfig = {
  supportsInteractivity: true,
  fontFamily: segoe,
  fontSizes,
  fontWeights,
  fontTypes: {
    default: { fontFamily: segoe, fontSizes, fontWeights },
    monospace: { fontFamily: "Consolas, 'Cascadia Mono', 'Courier New', monospace", fontSizes, fontWeights },
  },
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: color('#242424', '#616161'), dark: color('#252424', '#484644'), light: color('#FFFFFF', '#FFFFFF'),
        accent: color('#5B5FC7', '#444791'), good: color('#0E700E', '#0E700E'), warning: color('#835B00', '#835B00'),
        attention: color('#C4314B', '#C4314B'),
      },
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: {
        default: color('#242424', '#616161'), dark: color('#252424', '#484644'), light: color('#FFFFFF', '#FFFFFF'),
        accent: color('#5B5FC7', '#444791'), good: color('#0E700E', '#0E700E'), warning: color('#835B00', '#835B00'),
        attention: color('#C4314B', '#C4314B'),
      },
    },
  },
  actions: {
    maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 16, style: 'emphasis' }, iconPlacement: 'leftOfTitle', iconSize: 16,
  },
  adaptiveCard: { allowCustomStyle: false },
  textStyles: {
    heading: { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
    columnHeader: { size: 'default', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
  },
  textBlock: { headingLevel: 2 },
  factSet: {
    title: { size: 'default', color: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { size: 'default', color: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 16,
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', color: 'attention' },
  },
};
