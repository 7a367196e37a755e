// Expands card templates with the official adaptivecards-templating library and prints a JSON map
// id -> { card } or { error }.
//   node eng/cards/expand.mjs                  every cards/<card>[.<variant>].data.json with its template
//   echo '[{"id":"x","template":"api-story","data":{...}}]' | node eng/cards/expand.mjs
// "template" is a card name from cards/ or a template object.
import { expandWithJs, readStdinJson, sampleCases } from './cards-lib.mjs';

const cases = (await readStdinJson()) ?? sampleCases();
const results = {};
for (const { id, template, data } of cases) {
  try {
    results[id] = { card: expandWithJs(template, data) };
  } catch (error) {
    results[id] = { error: String(error?.message ?? error) };
  }
}
process.stdout.write(JSON.stringify(results));
