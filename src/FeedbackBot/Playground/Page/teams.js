// The Teams pane: a personal chat with the bot and the team's channels, cards drawn by the official Adaptive Cards
// renderer. Every move is a real Bot Framework activity posted to /api/messages, whose serviceUrl is the playground's
// connector stand-in, so the bot's replies, updates and proactive messages come back through it.
import { hostConfig } from './teams-host.js';

const esc = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const initials = (name) => name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
export const time = (at) => {
  const when = new Date(at);
  const clock = when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return Date.now() - when.getTime() > 20 * 3600 * 1000 || when.getTime() - Date.now() > 3600 * 1000
    ? `${when.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })} ${clock}` : clock;
};

// Teams draws markdown in TextBlocks; the renderer leaves it to the host.
if (window.AdaptiveCards) {
  window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };
}

/** Teams' markdown subset (messages and TextBlocks): **bold**, _italic_, `code`, [links](url), lists, line breaks. */
export function markdown(text) {
  return esc(text)
    .replace(/^[-*] (.*)$/gm, '\u2022 $1')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>')
    .replace(/(^|\s)_([^_]+)_(?=\s|$|[.,!?])/g, '$1<i>$2</i>')
    .replace(/\n/g, '<br>');
}

export function createTeamsPane(root, ctx) {
  root.innerHTML = `
    <div class="app-bar"><span class="app-mark">T</span> Microsoft Teams <small>tenant playground-tenant</small></div>
    <div class="pane-body">
      <nav class="rail"></nav>
      <div class="chat">
        <header class="chat-head"></header>
        <div class="messages" data-testid="teams-messages"></div>
        <form class="composer"><input name="text" autocomplete="off" aria-label="Message to FeedbackBot in Teams"><button>Send</button></form>
      </div>
    </div>
    <div class="off-note" hidden></div>`;
  const rail = root.querySelector('.rail');
  const head = root.querySelector('.chat-head');
  const list = root.querySelector('.messages');
  const form = root.querySelector('.composer');
  const drawn = new Map();
  const overrides = new Map();
  const notes = new Map();
  let where = 'chat';
  let shownKey = null;

  const channel = () => ctx.state.channels.find((c) => c.key === where);
  const conversationId = () => (where === 'chat' ? ctx.person().teamsChat : channel().teamsId);

  function drawRail() {
    const person = ctx.person();
    const item = (key, label, icon, conversation) => {
      const latest = ctx.state.conversations[`teams|${conversation}`]?.latest ?? 0;
      const unread = latest > (ctx.seen[`${person.id}|teams|${conversation}`] ?? 0) && key !== where;
      return `<button data-where="${key}" class="${key === where ? 'on' : ''} ${unread ? 'unread' : ''}">${icon}<span>${esc(label)}</span></button>`;
    };
    rail.innerHTML = `<div class="rail-title">Chat</div>${item('chat', ctx.state.world.botName, '<span class="mini bot">FB</span>', person.teamsChat)}
      <div class="rail-title">API program <small>team</small></div>
      ${ctx.state.channels.map((c) => item(c.key, c.name, '<span class="hash">#</span>', c.teamsId)).join('')}`;
    rail.querySelectorAll('button').forEach((b) => b.addEventListener('click', () => { where = b.dataset.where; ctx.refresh(); }));
  }

  async function refresh() {
    const off = root.querySelector('.off-note');
    off.hidden = ctx.state.platforms.teams.on;
    off.textContent = ctx.state.platforms.teams.note;
    if (!ctx.state.platforms.teams.on) return;
    drawRail();
    const person = ctx.person();
    const id = conversationId();
    const key = `${person.id}|${id}`;
    if (key !== shownKey) {
      list.replaceChildren();
      drawn.clear();
      shownKey = key;
      form.text.placeholder = where === 'chat' ? `Type a message to ${ctx.state.world.botName} (try: help, report, roadmap payments)` : `Post in ${channel().name}: @${ctx.state.world.botName} is added for you`;
    }
    head.innerHTML = where === 'chat'
      ? `<span class="mini bot">FB</span><b>${ctx.state.world.botName}</b><small>Chat · you are ${esc(person.name)}</small>`
      : `<span class="hash">#</span><b>${esc(channel().name)}</b><small>${esc(channel().purpose)}</small>`;
    const { json } = await ctx.call(`/playground/api/conversation?platform=teams&id=${encodeURIComponent(id)}&viewer=${person.id}`, undefined, { method: 'GET' });
    draw(json.messages);
    ctx.markSeen(`teams|${id}`, ctx.state.conversations[`teams|${id}`]?.latest ?? 0);
  }

  function draw(messages) {
    const person = ctx.person();
    const ids = new Set(messages.map((m) => m.id));
    for (const [id, entry] of drawn) if (!ids.has(id)) { entry.el.remove(); drawn.delete(id); }
    let added = false;
    for (const message of messages) {
      const override = overrides.get(`${person.id}|${message.id}`);
      const signature = `${message.edits}|${override && override.edits === message.edits ? override.stamp : ''}|${notes.get(message.id) ?? ''}`;
      const existing = drawn.get(message.id);
      if (existing?.signature === signature) continue;
      const el = drawMessage(message, override && override.edits === message.edits ? override.card : null);
      if (existing) existing.el.replaceWith(el); else { list.appendChild(el); added = true; }
      drawn.set(message.id, { el, signature });
    }
    // Only new messages scroll the conversation: a redraw must not move someone filling a form.
    if (added) list.scrollTop = list.scrollHeight;
  }

  function drawMessage(message, replacedCard) {
    const person = ctx.person();
    const author = message.from === 'bot' ? null : ctx.state.people.find((p) => p.id === message.from);
    const mine = author?.id === person.id;
    const el = document.createElement('div');
    el.className = `msg ${message.from === 'bot' ? 'bot' : mine ? 'mine' : 'other'}`;
    el.dataset.id = message.id;
    const name = author?.name ?? ctx.state.world.botName;
    el.innerHTML = `<span class="avatar ${message.from === 'bot' ? 'bot' : ''}">${message.from === 'bot' ? 'FB' : initials(name)}</span>
      <div class="body"><div class="meta"><b>${esc(name)}</b> <time>${time(message.at)}</time>${message.edits ? ' <i>Edited</i>' : ''}
      ${message.thread && message.thread !== message.id ? ' <span class="thread">↳ reply in thread</span>' : ''}</div><div class="bubble"></div></div>`;
    const bubble = el.querySelector('.bubble');
    if (message.text) bubble.insertAdjacentHTML('beforeend', `<div class="text">${markdown(message.text)}</div>`);
    const card = replacedCard ?? message.card;
    if (card) bubble.appendChild(renderCard(card, message));
    if (notes.has(message.id)) el.querySelector('.body').insertAdjacentHTML('beforeend', `<div class="invoke-note">${esc(notes.get(message.id))}</div>`);
    return el;
  }

  function renderCard(content, message) {
    const host = document.createElement('div');
    host.className = 'card';
    const AC = window.AdaptiveCards;
    if (!AC) {
      host.innerHTML = '<p class="missing">This Adaptive Card cannot be drawn: the official renderer (npm adaptivecards) is missing from this build.</p>';
      return host;
    }
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(hostConfig);
    card.onExecuteAction = (action) => act(action, message).catch((e) => ctx.notify(e.message, 'bad'));
    card.parse(content);
    host.appendChild(card.render());
    return host;
  }

  async function act(action, message) {
    const type = action.getJsonTypeName();
    if (type === 'Action.OpenUrl') { window.open(action.url, '_blank', 'noopener'); return; }
    if (type === 'Action.Execute') {
      // In a channel, the card's post is the thread's root (or is in one): the invoke names that thread.
      const activity = base('invoke', crypto.randomUUID?.() ?? String(Date.now()), message.thread ?? message.id);
      activity.name = 'adaptiveCard/action';
      activity.value = { action: { type: 'Action.Execute', id: action.id ?? action.verb, verb: action.verb, data: action.data ?? {} }, trigger: 'manual' };
      activity.replyToId = message.id;
      const answer = await ctx.call('/api/messages', activity);
      applyInvokeAnswer(answer, message);
      return;
    }
    if (type === 'Action.Submit') {
      const activity = base('message', `submit-${Date.now()}`, message.thread ?? message.id);
      activity.value = action.data ?? {};
      activity.replyToId = message.id;
      const answer = await ctx.call('/api/messages', activity);
      if (answer.status >= 400) ctx.notify(`The bot answered ${answer.status} to the form.`, 'bad');
    }
  }

  /** Teams replaces the card for the clicker only with a card answer, and shows a message answer as a banner. */
  function applyInvokeAnswer(answer, message) {
    const body = answer.json;
    if (answer.status !== 200 || !body) { notes.set(message.id, `The bot answered HTTP ${answer.status}.`); ctx.refresh(); return; }
    if (body.type === 'application/vnd.microsoft.card.adaptive') {
      overrides.set(`${ctx.person().id}|${message.id}`, { card: body.value, edits: message.edits, stamp: Date.now() });
      notes.delete(message.id);
    } else if (body.type === 'application/vnd.microsoft.activity.message') {
      notes.set(message.id, `${ctx.state.world.botName}: ${body.value}`);
    } else {
      notes.set(message.id, `${body.value?.message ?? 'The bot refused this action.'}`);
    }
    const current = drawn.get(message.id);
    if (current) current.signature = null;
    ctx.refresh();
  }

  function base(type, id, thread) {
    const person = ctx.person();
    const { world } = ctx.state;
    const inChannel = where !== 'chat';
    const conversation = inChannel
      ? { id: `${channel().teamsId};messageid=${thread ?? id}`, conversationType: 'channel', tenantId: world.tenant, isGroup: true, name: channel().name }
      : { id: person.teamsChat, conversationType: 'personal', tenantId: world.tenant };
    const channelData = { tenant: { id: world.tenant } };
    if (inChannel) { channelData.team = { id: world.team, name: 'API program' }; channelData.channel = { id: channel().teamsId, name: channel().name }; }
    return {
      type, id, timestamp: new Date().toISOString(), localTimezone: 'UTC', locale: 'en-US', channelId: 'msteams',
      serviceUrl: `${location.origin}${world.connector}`,
      from: { id: person.teamsId, name: person.name, aadObjectId: person.teamsAad },
      recipient: { id: world.teamsBot, name: world.botName },
      conversation, channelData,
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.text.value.trim();
    if (!text) return;
    form.text.value = '';
    try {
      const person = ctx.person();
      const { json } = await ctx.call('/playground/api/said', { platform: 'teams', conversation: conversationId(), person: person.id, text });
      const activity = base('message', json.id);
      const mention = `<at>${ctx.state.world.botName}</at>`;
      activity.text = where === 'chat' ? text : `${mention} ${text}`;
      if (where !== 'chat') activity.entities = [{ type: 'mention', text: mention, mentioned: { id: ctx.state.world.teamsBot, name: ctx.state.world.botName } }];
      const answer = await ctx.call('/api/messages', activity);
      if (answer.status >= 400) ctx.notify(`The bot answered HTTP ${answer.status}: ${answer.text}`, 'bad');
    } catch (e) { ctx.notify(e.message, 'bad'); }
  });

  return { refresh };
}
