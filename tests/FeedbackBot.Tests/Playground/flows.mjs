// Drives the playground in Debian's headless Chromium (playwright-core) as a person would, and prints what they saw.
//   echo '{"url":"http://127.0.0.1:3978/playground","flow":"teams-loop"}' | node flows.mjs
// Flows: teams-loop, slack-loop, digest, reminders, screenshots (with "out": a folder for the README's PNGs).
// Exit code 3: Chromium is missing. Any step that does not happen in time fails with what the page showed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const require = createRequire(path.join(repoRoot, 'package.json'));
const chromiumPath = '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { url, flow, out, title = 'Checkout totals are off by one cent' } = JSON.parse(input);

if (!fs.existsSync(chromiumPath)) {
  console.error(`Chromium not found at ${chromiumPath}. Install it: apt-get install chromium`);
  process.exit(3);
}
const { chromium } = require('playwright-core');
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath, headless: true, args, viewport: { width: 1500, height: 950 },
});
// Generous: a loaded machine (CI, a shared box) can take seconds per turn; a step that never happens still fails.
context.setDefaultTimeout(60000);
const page = context.pages()[0] ?? await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('response', (r) => { if (r.status() >= 500) problems.push(`HTTP ${r.status()} from ${r.url()}`); });

const teams = page.locator('#teams');
const slack = page.locator('#slack');
const result = { flow, problems };

try {
  await page.goto(`${url}?as=maya`);
  await page.locator('body[data-seeding="ready"]').waitFor();
  if (flow === 'teams-loop') await teamsLoop();
  else if (flow === 'slack-loop') await slackLoop();
  else if (flow === 'digest') await digest();
  else if (flow === 'reminders') await reminders();
  else if (flow === 'screenshots') await screenshots();
  else throw new Error(`unknown flow ${flow}`);
} catch (e) {
  result.error = `${e.message.split('\n')[0]} (at ${await page.locator('.chat-head').allInnerTexts().catch(() => [])})`;
  if (out) await page.screenshot({ path: path.join(out, `failed-${flow}.png`) }).catch(() => {});
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));

async function actAs(name) {
  await page.locator('#cast .person', { hasText: name }).click();
  await page.locator('#cast .person.on', { hasText: name }).waitFor();
}

async function openTeams(where) {
  await teams.locator('.rail button', { hasText: where }).click();
  await teams.locator('.rail button.on', { hasText: where }).waitFor();
}

async function openSlack(where) {
  // A modal left open (by this person, earlier) covers the pane, as in Slack: close it first.
  if (await slack.locator('.modal').count()) await slack.locator('.modal .cancel').click();
  await slack.locator('.rail button', { hasText: where }).click();
  await slack.locator('.rail button.on', { hasText: where }).waitFor();
}

async function sayInTeams(text) {
  await teams.locator('.composer input').fill(text);
  await teams.locator('.composer button').click();
}

async function sayInSlack(text) {
  await slack.locator('.composer input').fill(text);
  await slack.locator('.composer button').click();
}

/** Maya reports a bug through the Teams form; Sam accepts it from the triage card; Maya is told in her chat. */
async function teamsLoop() {
  await actAs('Maya Chen');
  await openTeams('FeedbackBot');
  await sayInTeams('report');
  const form = teams.locator('.msg.bot').filter({ has: page.getByLabel(/^Title/) }).last();
  await form.getByLabel(/^API/).selectOption('payments');
  await form.getByLabel(/^Kind/).selectOption('Bug');
  await form.getByLabel(/^Title/).fill(title);
  await form.getByLabel(/^Details/).fill('The order total rounds each line before adding, so 3 x 0.335 comes out as 1.02.');
  await form.getByLabel(/^Impact/).selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Send' }).click();
  const confirmation = teams.locator('.msg.bot', { hasText: title }).filter({ hasText: /FB-\d+/ }).last();
  result.confirmation = await confirmation.innerText();
  result.shortId = result.confirmation.match(/FB-\d+/)[0];

  await actAs('Sam Rivera');
  await openTeams('api-triage');
  const card = teams.locator('.msg.bot', { hasText: result.shortId }).last();
  await card.getByRole('button', { name: 'Accept' }).first().click();
  await card.getByLabel(/^Priority/).selectOption({ index: 1 });
  await card.getByRole('button', { name: 'Accept' }).last().click();
  await card.filter({ hasText: /Accepted/ }).waitFor();
  result.triageCard = await card.innerText();

  await actAs('Maya Chen');
  await openTeams('FeedbackBot');
  const told = teams.locator('.msg.bot', { hasText: result.shortId }).filter({ hasText: /accepted/i }).last();
  result.notification = await told.innerText();
}

/** The same loop in Slack: /feedback report opens the modal; the triage card's Accept; the DM that tells Maya. */
async function slackLoop() {
  await actAs('Maya Chen');
  await openSlack('FeedbackBot');
  await sayInSlack('/feedback report');
  const modal = slack.locator('.modal');
  await modal.getByLabel(/^API/).selectOption('payments');
  await modal.getByLabel(/^Kind/).selectOption('Bug');
  await modal.getByLabel(/^Title/).fill(title);
  await modal.getByLabel(/^Details/).fill('The order total rounds each line before adding.');
  await modal.getByLabel(/^Impact/).selectOption({ index: 1 });
  await modal.getByRole('button', { name: /Send|Submit/ }).click();
  await modal.waitFor({ state: 'detached' });
  const confirmation = slack.locator('.smsg.bot', { hasText: title }).filter({ hasText: /FB-\d+/ }).last();
  result.confirmation = await confirmation.innerText();
  result.shortId = result.confirmation.match(/FB-\d+/)[0];

  await actAs('Sam Rivera');
  await openSlack('api-triage');
  const card = slack.locator('.smsg.bot', { hasText: result.shortId }).last();
  await card.locator('select').first().selectOption({ index: 1 });
  await card.getByRole('button', { name: 'Accept' }).first().click();
  await slack.locator('.smsg.bot', { hasText: result.shortId }).filter({ hasText: /Accepted/ }).last().waitFor();
  result.triageCard = await slack.locator('.smsg.bot', { hasText: result.shortId }).last().innerText();

  await actAs('Maya Chen');
  await openSlack('FeedbackBot');
  const told = slack.locator('.smsg.bot', { hasText: result.shortId }).filter({ hasText: /accepted/i }).last();
  result.notification = await told.innerText();
}

/** Sam runs the weekly digest job; the digest card arrives in the subscribed Teams channel. */
async function digest() {
  await actAs('Sam Rivera');
  await openTeams('developers');
  await page.locator('.job[data-job="digest"]').click();
  const card = teams.locator('.msg.bot', { hasText: 'The week of' }).last();
  result.digest = await card.innerText();
}

/** Sam runs the triage reminders; the reports seeded a week ago are named in the triage channel. */
async function reminders() {
  await actAs('Sam Rivera');
  await openTeams('api-triage');
  await page.locator('.job[data-job="reminders"]').click();
  const card = teams.locator('.msg.bot', { hasText: 'waiting for triage' }).last();
  result.reminder = await card.innerText();
}

async function screenshots() {
  fs.mkdirSync(out, { recursive: true });
  await actAs('Sam Rivera');
  await openTeams('api-triage');
  await openSlack('api-triage');
  await slack.locator('.smsg.bot').last().evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'side-by-side.png') });
  await actAs('Maya Chen');
  await page.locator('.views button[data-view="teams"]').click();
  await openTeams('FeedbackBot');
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'teams.png') });
  await page.locator('.views button[data-view="slack"]').click();
  await openSlack('FeedbackBot');
  await sayInSlack('/feedback report');
  await slack.locator('.modal').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'slack.png') });
  result.files = fs.readdirSync(out).filter((f) => f.endsWith('.png'));
}
