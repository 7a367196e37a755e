// The playground's shell: who you are, the jobs, the clock, the reset, and a change feed that redraws both panes.
import { createTeamsPane } from './teams.js';
import { createSlackPane } from './slack.js';

const $ = (selector) => document.querySelector(selector);

export const ctx = {
  state: null,
  personId: new URLSearchParams(location.search).get('as') ?? 'maya',
  seen: {},
  person() { return this.state?.people.find((p) => p.id === this.personId) ?? this.state?.people[0]; },
  bySlack(user) { return this.state?.people.find((p) => p.slackUser === user); },
  slackName(user) {
    if (user === this.state?.world.slackBotUser) return this.state.world.botName;
    return this.bySlack(user)?.name ?? user;
  },
  async call(url, body, { raw = false, headers = {}, method = 'POST' } = {}) {
    const response = await fetch(url, {
      method,
      headers: raw ? headers : { 'Content-Type': 'application/json', ...headers },
      body: raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (!response.ok && url.startsWith('/playground/api')) throw new Error(json?.error ?? json?.message ?? text ?? response.statusText);
    return { status: response.status, json, text };
  },
  notify(message, kind = 'info') {
    const status = $('#status');
    status.textContent = message;
    status.className = `status ${kind}`;
  },
  markSeen(key, latest) { this.seen[`${this.personId}|${key}`] = latest; },
};

const teams = createTeamsPane($('#teams'), ctx);
const slack = createSlackPane($('#slack'), ctx);

async function refresh() {
  ctx.state = (await ctx.call('/playground/api/state', undefined, { method: 'GET' })).json;
  drawCast();
  drawToolbar();
  await Promise.all([teams.refresh(), slack.refresh()]);
}

function drawCast() {
  const cast = $('#cast');
  cast.replaceChildren(...ctx.state.people.map((p) => {
    const button = document.createElement('button');
    button.className = `person ${p.id === ctx.person().id ? 'on' : ''}`;
    button.dataset.person = p.id;
    const chats = [`teams|${p.teamsChat}`, `slack|${p.slackDm}`];
    const unread = chats.some((key) => (ctx.state.conversations[key]?.latest ?? 0) > (ctx.seen[`${p.id}|${key}`] ?? 0));
    button.innerHTML = `<span class="avatar">${initials(p.name)}</span><span><b>${p.name}</b><small>${p.role === 'pm' ? 'Product manager' : 'Consumer'}</small></span>` +
      (unread ? '<span class="dot" title="New messages in their chats"></span>' : '');
    button.title = p.title;
    button.addEventListener('click', () => { ctx.personId = p.id; refresh(); });
    return button;
  }));
}

function drawToolbar() {
  const { clock, seeding, renderer } = ctx.state;
  const when = new Date(clock.now).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  $('#clock').textContent = `${when} UTC${clock.skippedDays ? ` (+${clock.skippedDays} d)` : ''}`;
  const banner = $('#banner');
  const notes = [];
  if (!renderer) notes.push('The Adaptive Cards renderer is missing: run npm ci (npm start does it) and build again; Teams cards cannot be drawn until then.');
  if (seeding.state === 'seeding') notes.push(`Setting up sample data: ${seeding.detail}`);
  if (seeding.state === 'failed' || (seeding.state === 'ready' && seeding.detail)) notes.push(seeding.detail);
  banner.hidden = notes.length === 0;
  banner.textContent = notes.join(' ');
  banner.className = `banner ${seeding.state === 'failed' || !renderer ? 'bad' : ''}`;
  document.body.dataset.seeding = seeding.state;
}

const initials = (name) => name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
export { initials };

for (const button of document.querySelectorAll('.views button')) {
  button.addEventListener('click', () => {
    document.querySelectorAll('.views button').forEach((b) => b.classList.toggle('on', b === button));
    $('#panes').className = `panes ${button.dataset.view}`;
  });
}
for (const button of document.querySelectorAll('.job')) {
  button.addEventListener('click', async () => {
    try { ctx.notify((await ctx.call(`/playground/api/jobs/${button.dataset.job}`, {})).json.message, 'ok'); } catch (e) { ctx.notify(e.message, 'bad'); }
  });
}
for (const button of document.querySelectorAll('.skip')) {
  button.addEventListener('click', async () => {
    try {
      await ctx.call('/playground/api/clock', { days: Number(button.dataset.days) });
      ctx.notify(`The bot's clock moved ${button.dataset.days === '7' ? 'a week' : 'a day'} ahead. Run the jobs to see what that week brings.`, 'ok');
    } catch (e) { ctx.notify(e.message, 'bad'); }
  });
}
$('#reset').addEventListener('click', async () => {
  if (!confirm('Wipe the playground\'s tenant and workspace and seed them again?')) return;
  ctx.seen = {};
  try { ctx.notify((await ctx.call('/playground/api/reset', {})).json.message, 'ok'); } catch (e) { ctx.notify(e.message, 'bad'); }
});
$('#add-person').addEventListener('click', () => { $('#person-error').textContent = ''; $('#person-dialog').showModal(); });
$('#person-form').addEventListener('submit', async (event) => {
  if (event.submitter?.value !== 'add') return;
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    const { json } = await ctx.call('/playground/api/people', { name: form.get('name'), role: form.get('role'), title: form.get('title') });
    ctx.personId = json.id;
    $('#person-dialog').close();
    event.target.reset();
    await refresh();
  } catch (e) { $('#person-error').textContent = e.message; }
});

let pending = null;
function scheduleRefresh() {
  if (pending) return;
  pending = setTimeout(async () => { pending = null; try { await refresh(); } catch (e) { ctx.notify(e.message, 'bad'); } }, 60);
}
ctx.refresh = scheduleRefresh;
new EventSource('/playground/api/events').onmessage = scheduleRefresh;
refresh();
