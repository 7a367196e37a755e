// Renders every card with each of its sample data files (cards/<card>[.<variant>].data.json) to PNG with the
// official adaptivecards renderer in headless Chromium, Teams-like host config, 500px wide, white background.
//   node eng/cards/render-png.mjs [outDir]      (default: artifacts/cards/)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expandWithJs, launchChromium, openRendererPage, repoRoot, sampleCases } from './cards-lib.mjs';

const require = createRequire(path.join(repoRoot, 'package.json'));
const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'artifacts', 'cards'));
fs.mkdirSync(outDir, { recursive: true });

// Teams-like buttons and inputs on top of the renderer's own stylesheet.
const uiFont = "'Segoe UI', -apple-system, 'Helvetica Neue', Arial, sans-serif";
const teamsCss = `
  body { margin: 0; padding: 16px; background: #FFFFFF; }
  #frame { width: 500px; background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 6px; overflow: hidden; }
  .ac-pushButton { border-radius: 4px; border: 1px solid #D1D1D1; color: #242424; background: #FFFFFF;
    font-family: ${uiFont}; padding: 5px 12px; min-height: 32px; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-input input, .ac-input textarea, .ac-input select, input.ac-input, textarea.ac-input, select.ac-input {
    font-family: ${uiFont}; font-size: 14px; border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 8px;
    background: #FFFFFF; box-sizing: border-box; }
`;

const { context, close } = await launchChromium();
try {
  const page = await openRendererPage(context);
  await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
  await page.addStyleTag({ content: teamsCss });
  for (const { id, template, data } of sampleCases()) {
    await page.evaluate(renderCard, expandWithJs(template, data));
    const file = path.join(outDir, `${id}.png`);
    await (await page.$('#frame')).screenshot({ path: file });
    console.log(path.relative(process.cwd(), file));
  }
} finally {
  await close();
}

// Runs in the page, where the bundle defines window.AdaptiveCards.
function renderCard(payload) {
  const AC = window.AdaptiveCards;
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(window.teamsHostConfig);
  card.parse(payload, new AC.SerializationContext(AC.Versions.v1_5));
  const frame = document.createElement('div');
  frame.id = 'frame';
  frame.appendChild(card.render());
  document.body.replaceChildren(frame);
}
