// The Slack pane: channels, the app's DM and Home tab, modals. Every move is a request Slack would send (an event, a
// slash command, a block_actions or view_submission payload), signed with the workspace's signing secret and posted to
// /api/slack/*; what the bot sends through the Web API stand-in is drawn from its real Block Kit.
import { mrkdwn, renderBlocks, stateValues } from './blockkit.js';
import { time } from './teams.js';

const esc = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const initials = (name) => name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
const trigger = (person) => `${Math.floor(100000 + Math.random() * 899999)}.${person.slackUser}.${crypto.randomUUID?.().replace(/-/g, '') ?? Date.now()}`;

export function createSlackPane(root, ctx) {
  root.innerHTML = `
    <div class="app-bar"><span class="app-mark">S</span> Slack <small>workspace Playground</small></div>
    <div class="pane-body">
      <nav class="rail"></nav>
      <div class="chat">
        <header class="chat-head"></header>
        <div class="tabs" hidden><button data-tab="home">Home</button><button data-tab="messages">Messages</button></div>
        <div class="messages" data-testid="slack-messages"></div>
        <form class="composer"><input name="text" autocomplete="off" aria-label="Message in Slack"><button>Send</button></form>
      </div>
      <div class="modal-layer" hidden></div>
    </div>
    <div class="off-note" hidden></div>`;
  const rail = root.querySelector('.rail');
  const head = root.querySelector('.chat-head');
  const tabs = root.querySelector('.tabs');
  const list = root.querySelector('.messages');
  const form = root.querySelector('.composer');
  const layer = root.querySelector('.modal-layer');
  const drawn = new Map();
  let where = 'dm';
  let tab = 'messages';
  let shownKey = null;
  let modalShown = null;
  let modalErrors = {};
  const names = (user) => ctx.slackName(user);

  const channel = () => ctx.state.channels.find((c) => c.key === where);
  const channelId = () => (where === 'dm' ? ctx.person().slackDm : channel().slackId);

  function drawRail() {
    const person = ctx.person();
    const item = (key, label, icon, id) => {
      const latest = ctx.state.conversations[`slack|${id}`]?.latest ?? 0;
      const unread = latest > (ctx.seen[`${person.id}|slack|${id}`] ?? 0) && key !== where;
      return `<button data-where="${key}" class="${key === where ? 'on' : ''} ${unread ? 'unread' : ''}">${icon}<span>${esc(label)}</span></button>`;
    };
    rail.innerHTML = `<div class="workspace">Playground</div><div class="rail-title">Channels</div>
      ${ctx.state.channels.map((c) => item(c.key, c.name, '<span class="hash">#</span>', c.slackId)).join('')}
      <div class="rail-title">Apps</div>${item('dm', ctx.state.world.botName, '<span class="mini bot">FB</span>', person.slackDm)}`;
    rail.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => { where = b.dataset.where; if (where !== 'dm') tab = 'messages'; ctx.refresh(); }));
  }

  async function refresh() {
    const off = root.querySelector('.off-note');
    off.hidden = ctx.state.platforms.slack.on;
    off.textContent = ctx.state.platforms.slack.note;
    if (!ctx.state.platforms.slack.on) return;
    drawRail();
    const person = ctx.person();
    const id = channelId();
    const key = `${person.id}|${id}|${tab}`;
    if (key !== shownKey) {
      list.replaceChildren();
      drawn.clear();
      shownKey = key;
      form.text.placeholder = where === 'dm' ? `Message ${ctx.state.world.botName} (try: help, /feedback report)` : `Message #${channel().name}: @${ctx.state.world.botName} is added for you; /feedback works too`;
    }
    tabs.hidden = where !== 'dm';
    tabs.querySelectorAll('button').forEach((b) => b.classList.toggle('on', b.dataset.tab === tab));
    head.innerHTML = where === 'dm'
      ? `<span class="mini bot">FB</span><b>${ctx.state.world.botName}</b><small>App · you are ${esc(person.name)}</small>`
      : `<span class="hash">#</span><b>${esc(channel().name)}</b><small>${esc(channel().purpose)}</small>`;
    const { json } = await ctx.call(`/playground/api/conversation?platform=slack&id=${encodeURIComponent(id)}&viewer=${person.id}`, undefined, { method: 'GET' });
    form.hidden = where === 'dm' && tab === 'home';
    if (where === 'dm' && tab === 'home') drawHome(json.home); else draw(json.messages);
    drawModal(json.modals);
    ctx.markSeen(`slack|${id}`, ctx.state.conversations[`slack|${id}`]?.latest ?? 0);
  }

  function draw(messages) {
    const ids = new Set(messages.map((m) => m.id));
    for (const [id, entry] of drawn) if (!ids.has(id)) { entry.el.remove(); drawn.delete(id); }
    let added = false;
    for (const message of messages) {
      const existing = drawn.get(message.id);
      if (existing?.edits === message.edits) continue;
      const el = drawMessage(message);
      if (existing) existing.el.replaceWith(el); else { list.appendChild(el); added = true; }
      drawn.set(message.id, { el, edits: message.edits });
    }
    if (added) list.scrollTop = list.scrollHeight;
  }

  function drawMessage(message) {
    const bot = message.from === 'bot';
    const author = bot ? null : ctx.state.people.find((p) => p.id === message.from);
    const name = author?.name ?? ctx.state.world.botName;
    const el = document.createElement('div');
    el.className = `smsg ${bot ? 'bot' : ''} ${message.visibleTo ? 'ephemeral' : ''} ${message.kind === 'command' ? 'command' : ''}`;
    el.dataset.id = message.id;
    el.innerHTML = `<span class="avatar ${bot ? 'bot' : ''}">${bot ? 'FB' : initials(name)}</span>
      <div class="body"><div class="meta"><b>${esc(name)}</b>${bot ? ' <span class="app-badge">APP</span>' : ''} <time>${time(message.at)}</time>
      ${message.edits ? ' <i>(edited)</i>' : ''}${message.thread ? ' <span class="thread">in thread</span>' : ''}</div></div>`;
    const body = el.querySelector('.body');
    if (message.visibleTo) body.insertAdjacentHTML('afterbegin', '<div class="only-you">Only visible to you</div>');
    if (message.blocks?.length) {
      const blocks = renderBlocks(message.blocks, { names, onAction: (element, blockId) => clickInMessage(element, blockId, message, blocks).catch((e) => ctx.notify(e.message, 'bad')) });
      body.appendChild(blocks);
    } else {
      body.insertAdjacentHTML('beforeend', `<div class="stext">${message.kind === 'command' ? esc(message.text) : mrkdwn(message.text, names)}</div>`);
    }
    return el;
  }

  function drawHome(home) {
    list.replaceChildren();
    drawn.clear();
    if (!home) {
      list.innerHTML = `<div class="home-empty"><b>${ctx.state.world.botName} has no Home tab yet.</b><p>Opening this tab sent the bot an <code>app_home_opened</code> event; it published no view (<code>views.publish</code>), so Slack shows the app's About page here.</p></div>`;
      return;
    }
    const blocks = renderBlocks(home.view.blocks, { names, onAction: (element, blockId) => clickInView(element, blockId, home, blocks).catch((e) => ctx.notify(e.message, 'bad')) });
    blocks.classList.add('home');
    list.appendChild(blocks);
  }

  function drawModal(modals) {
    const top = modals?.[modals.length - 1];
    if (!top) { layer.hidden = true; layer.replaceChildren(); modalShown = null; modalErrors = {}; return; }
    if (modalShown === `${top.viewId}|${top.hash}|${JSON.stringify(modalErrors)}`) return;
    modalShown = `${top.viewId}|${top.hash}|${JSON.stringify(modalErrors)}`;
    const view = top.view;
    layer.hidden = false;
    layer.innerHTML = `<div class="modal" role="dialog" aria-label="${esc(view.title?.text)}"><header><b>${esc(view.title?.text)}</b><button class="x" aria-label="Close">×</button></header>
      <div class="modal-body"></div><footer><button class="cancel">${esc(view.close?.text ?? 'Cancel')}</button>${view.submit ? `<button class="submit">${esc(view.submit.text)}</button>` : ''}</footer></div>`;
    const body = layer.querySelector('.modal-body');
    const blocks = renderBlocks(view.blocks, { names, errors: modalErrors, onAction: (element, blockId) => clickInView(element, blockId, top, blocks).catch((e) => ctx.notify(e.message, 'bad')) });
    body.appendChild(blocks);
    const close = () => { modalErrors = {}; ctx.call('/playground/api/slack/modal', { person: ctx.person().id, action: 'close' }); };
    layer.querySelector('.x').addEventListener('click', close);
    layer.querySelector('.cancel').addEventListener('click', close);
    layer.querySelector('.submit')?.addEventListener('click', () => submit(top, blocks).catch((e) => ctx.notify(e.message, 'bad')));
  }

  // Slack's handle ("maya.chen"), as a workspace would have it.
  const handle = (person) => person.name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  const user = () => ({ id: ctx.person().slackUser, username: handle(ctx.person()), name: handle(ctx.person()), team_id: ctx.state.world.slackTeam });
  const team = () => ({ id: ctx.state.world.slackTeam, domain: 'playground' });

  function actionOf(element, blockId) {
    const action = { action_id: element.action_id, block_id: blockId, type: element.type, action_ts: `${Date.now() / 1000}` };
    if (element.type === 'button') Object.assign(action, { text: element.text, value: element.value, style: element.style });
    else action.selected_option = element.selected_option;
    return action;
  }

  async function clickInMessage(element, blockId, message, blocksEl) {
    const id = channelId();
    const payload = {
      type: 'block_actions', user: user(), api_app_id: ctx.state.world.slackAppId, token: 'playground', team: team(), trigger_id: trigger(ctx.person()),
      container: { type: 'message', message_ts: message.id, channel_id: id, is_ephemeral: Boolean(message.visibleTo) },
      channel: { id, name: where === 'dm' ? 'directmessage' : channel().name },
      message: { type: 'message', ts: message.id, text: message.text, blocks: message.blocks, user: ctx.state.world.slackBotUser },
      state: { values: stateValues(blocksEl) },
      response_url: `https://hooks.slack.com/actions/${ctx.state.world.slackTeam}/1/playground`,
      actions: [actionOf(element, blockId)],
    };
    await send('/api/slack/interactivity', `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  }

  async function clickInView(element, blockId, shown, blocksEl) {
    const payload = {
      type: 'block_actions', user: user(), api_app_id: ctx.state.world.slackAppId, token: 'playground', team: team(), trigger_id: trigger(ctx.person()),
      container: { type: 'view', view_id: shown.viewId },
      view: { ...shown.view, id: shown.viewId, hash: shown.hash, team_id: ctx.state.world.slackTeam, state: { values: stateValues(blocksEl) } },
      actions: [actionOf(element, blockId)],
    };
    await send('/api/slack/interactivity', `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  }

  async function submit(shown, blocksEl) {
    const payload = {
      type: 'view_submission', user: user(), api_app_id: ctx.state.world.slackAppId, token: 'playground', team: team(), trigger_id: trigger(ctx.person()),
      view: { ...shown.view, id: shown.viewId, hash: shown.hash, team_id: ctx.state.world.slackTeam, state: { values: stateValues(blocksEl) } },
      response_urls: [],
    };
    const answer = await send('/api/slack/interactivity', `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
    if (answer.status !== 200) return;
    const response = answer.json;
    const person = ctx.person().id;
    if (response?.response_action === 'errors') { modalErrors = response.errors ?? {}; modalShown = null; ctx.refresh(); return; }
    modalErrors = {};
    if (response?.response_action === 'update') await ctx.call('/playground/api/slack/modal', { person, action: 'update', view: response.view });
    else if (response?.response_action === 'push') await ctx.call('/playground/api/slack/modal', { person, action: 'push', view: response.view });
    else await ctx.call('/playground/api/slack/modal', { person, action: response?.response_action === 'clear' ? 'clear' : 'close' });
  }

  /** Signs the exact body with the workspace's secret (the playground holds it) and posts it as Slack would. */
  async function send(path, body, contentType) {
    const { json } = await ctx.call('/playground/api/slack/sign', body, { raw: true, headers: { 'Content-Type': 'text/plain' } });
    const answer = await ctx.call(path, body, {
      raw: true, headers: { 'Content-Type': contentType, 'X-Slack-Request-Timestamp': json.timestamp, 'X-Slack-Signature': json.signature },
    });
    if (answer.status !== 200) ctx.notify(`The bot answered HTTP ${answer.status}: ${answer.text}`, 'bad');
    return answer;
  }

  function formBody(fields) {
    return Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  }

  tabs.querySelectorAll('button').forEach((b) => b.addEventListener('click', async () => {
    tab = b.dataset.tab;
    if (tab === 'home') {
      const person = ctx.person();
      const ts = `${Date.now() / 1000}`;
      const envelope = {
        token: 'playground', team_id: ctx.state.world.slackTeam, api_app_id: ctx.state.world.slackAppId, type: 'event_callback',
        event: { type: 'app_home_opened', user: person.slackUser, channel: person.slackDm, tab: 'home', event_ts: ts },
        event_id: `Ev${crypto.randomUUID?.().slice(0, 10).toUpperCase() ?? Date.now()}`, event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: ctx.state.world.slackTeam, user_id: ctx.state.world.slackBotUser, is_bot: true }],
      };
      await send('/api/slack/events', JSON.stringify(envelope), 'application/json');
    }
    ctx.refresh();
  }));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.text.value.trim();
    if (!text) return;
    form.text.value = '';
    const person = ctx.person();
    const id = channelId();
    const { world } = ctx.state;
    try {
      if (text.startsWith('/feedback')) {
        await ctx.call('/playground/api/said', { platform: 'slack', conversation: id, person: person.id, text, kind: 'command' });
        await send('/api/slack/commands', formBody({
          token: 'playground', team_id: world.slackTeam, team_domain: 'playground', channel_id: id, channel_name: where === 'dm' ? 'directmessage' : channel().name,
          user_id: person.slackUser, user_name: handle(person), command: '/feedback', text: text.replace(/^\/feedback\s*/, ''), api_app_id: world.slackAppId,
          response_url: `https://hooks.slack.com/commands/${world.slackTeam}/1/playground`, trigger_id: trigger(person),
        }), 'application/x-www-form-urlencoded');
        return;
      }
      const shown = where === 'dm' ? text : `@${world.botName} ${text}`;
      const { json } = await ctx.call('/playground/api/said', { platform: 'slack', conversation: id, person: person.id, text: shown });
      const ev = where === 'dm'
        ? { type: 'message', channel: id, channel_type: 'im', text }
        : { type: 'app_mention', channel: id, text: `<@${world.slackBotUser}> ${text}` };
      Object.assign(ev, { user: person.slackUser, ts: json.id, event_ts: json.id, team: world.slackTeam });
      const envelope = {
        token: 'playground', team_id: world.slackTeam, api_app_id: world.slackAppId, event: ev, type: 'event_callback',
        event_id: `Ev${json.id.replace('.', '')}`, event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: world.slackTeam, user_id: world.slackBotUser, is_bot: true }],
      };
      await send('/api/slack/events', JSON.stringify(envelope), 'application/json');
    } catch (e) { ctx.notify(e.message, 'bad'); }
  });

  return { refresh };
}
