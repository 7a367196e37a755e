// Parses expanded cards with the official adaptivecards renderer in headless Chromium and prints a JSON map
// id -> { warnings: [..], rendered: bool }. A warning is any parse event and any validateProperties() failure,
// parsing for card version 1.5 (what Teams renders), so elements and values from 1.6 are reported too.
//   echo '[{"id":"api-story","card":{...}}]' | node eng/cards/validate.mjs
//   node eng/cards/validate.mjs                (no stdin: the samples, expanded with the JS templating library)
// Exits with 3 when Chromium is missing (apt-get install chromium).
import { expandWithJs, launchChromium, openRendererPage, readStdinJson, sampleCases } from './cards-lib.mjs';

const cases = (await readStdinJson()) ?? sampleCases().map((c) => ({ id: c.id, card: expandWithJs(c.template, c.data) }));
const { context, close } = await launchChromium();
try {
  const page = await openRendererPage(context);
  const results = await page.evaluate(validateAll, cases);
  process.stdout.write(JSON.stringify(results));
} finally {
  await close();
}

// Runs in the page, where the bundle defines window.AdaptiveCards.
function validateAll(cards) {
  const AC = window.AdaptiveCards;
  const describe = (e) => `${AC.ValidationEvent[e.event] ?? e.event}: ${e.message}`;
  const results = {};
  for (const { id, card: payload } of cards) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(window.teamsHostConfig);
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const warnings = [];
    if (payload?.version !== '1.5') warnings.push(`teams: card version ${payload?.version} instead of 1.5`);
    try {
      card.parse(payload, context);
      for (let i = 0; i < context.eventCount; i++) warnings.push(`parse ${describe(context.getEventAt(i))}`);
      for (const e of card.validateProperties().validationEvents) warnings.push(`validation ${describe(e)}`);
      const rendered = card.render();
      results[id] = { warnings, rendered: rendered instanceof HTMLElement };
    } catch (error) {
      warnings.push(`exception: ${error?.message ?? error}`);
      results[id] = { warnings, rendered: false };
    }
  }
  return results;
}
