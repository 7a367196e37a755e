// A Block Kit renderer for what FeedbackBot sends (sections, fields, headers, dividers, context, images, actions with
// buttons and selects, inputs), drawn the way Slack's desktop client lays them out. Inputs keep their values in the DOM;
// stateValues() reads them back in Slack's state.values shape.

const esc = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unslack = (s) => String(s ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// Slack draws :shortcodes: as emoji; these are the ones a bot like this one writes.
const emoji = {
  warning: '\u26a0\ufe0f', white_check_mark: '\u2705', x: '\u274c', tada: '\u{1F389}', rocket: '\u{1F680}', bulb: '\u{1F4A1}',
  thumbsup: '\u{1F44D}', '+1': '\u{1F44D}', bug: '\u{1F41B}', question: '\u2753', heart: '\u2764\ufe0f', calendar: '\u{1F4C5}',
  memo: '\u{1F4DD}', bell: '\u{1F514}', hourglass: '\u231b', chart_with_upwards_trend: '\u{1F4C8}', star: '\u2b50', eyes: '\u{1F440}',
};
const emojify = (s) => s.replace(/:([a-z0-9_+-]+):/g, (whole, name) => emoji[name] ?? whole);

/** Slack mrkdwn to HTML: <@U…>, <#C…|name>, <!here>, <url|label>, *bold*, _italic_, ~strike~, `code`, ```pre```, > quotes, :emoji:. */
export function mrkdwn(text, names) {
  const tokens = [];
  const hold = (html) => `\u0000${tokens.push(html) - 1}\u0000`;
  let s = String(text ?? '').replace(/<([^<>]+)>/g, (_, inner) => {
    const [target, label] = inner.split('|');
    if (target.startsWith('@')) return hold(`<span class="mention">@${esc(names(target.slice(1)))}</span>`);
    if (target.startsWith('#')) return hold(`<span class="mention">#${esc(unslack(label ?? target.slice(1)))}</span>`);
    if (target.startsWith('!')) return hold(`<span class="mention">@${esc(target.slice(1).split('^')[0])}</span>`);
    return hold(`<a href="${esc(unslack(target))}" target="_blank" rel="noopener">${esc(unslack(label ?? target))}</a>`);
  });
  s = emojify(esc(unslack(s)));
  s = s.replace(/```([\s\S]*?)```/g, (_, code) => hold(`<pre>${code}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => hold(`<code>${code}</code>`));
  s = s.replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,!?:;])/gm, '$1<b>$2</b>');
  s = s.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,!?:;])/gm, '$1<i>$2</i>');
  s = s.replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,!?:;])/gm, '$1<s>$2</s>');
  s = s.split('\n').map((line) => (line.startsWith('&gt; ') ? `<span class="quote">${line.slice(5)}</span>` : line)).join('\n');
  s = s.replace(/\n/g, '<br>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => tokens[Number(i)]);
}

export function text(obj, names) {
  if (!obj) return '';
  return obj.type === 'mrkdwn' ? mrkdwn(obj.text, names) : obj.emoji === false ? esc(obj.text) : emojify(esc(obj.text));
}

/** Draws blocks into an element; onAction(element, blockId) is called for buttons and selects outside input blocks. */
export function renderBlocks(blocks, { names, onAction, errors = {} }) {
  const root = document.createElement('div');
  root.className = 'bk-blocks';
  for (const block of blocks ?? []) {
    const el = document.createElement('div');
    el.className = `bk-block bk-${block.type}`;
    if (block.block_id) el.dataset.blockId = block.block_id;
    switch (block.type) {
      case 'header': el.innerHTML = text(block.text, names); break;
      case 'divider': el.innerHTML = '<hr>'; break;
      case 'section': section(el, block, names, onAction); break;
      case 'context':
        el.innerHTML = (block.elements ?? []).map((e) => (e.type === 'image'
          ? `<img src="${esc(e.image_url)}" alt="${esc(e.alt_text)}">` : `<span>${text(e, names)}</span>`)).join('');
        break;
      case 'image':
        el.innerHTML = `${block.title ? `<div class="bk-image-title">${esc(block.title.text)}</div>` : ''}` +
          `<img src="${esc(block.image_url)}" alt="${esc(block.alt_text)}" title="${esc(block.alt_text)}">`;
        break;
      case 'actions':
        for (const element of block.elements ?? []) el.appendChild(interactive(element, block, onAction));
        break;
      case 'input': input(el, block, names, errors[block.block_id]); break;
      default: el.innerHTML = `<span class="bk-unknown">[${esc(block.type)} block]</span>`;
    }
    root.appendChild(el);
  }
  return root;
}

function section(el, block, names, onAction) {
  const body = document.createElement('div');
  body.className = 'bk-section-body';
  if (block.text) body.innerHTML = `<div class="bk-text">${text(block.text, names)}</div>`;
  if (block.fields?.length) {
    body.insertAdjacentHTML('beforeend', `<div class="bk-fields">${block.fields.map((f) => `<div>${text(f, names)}</div>`).join('')}</div>`);
  }
  el.appendChild(body);
  if (block.accessory) {
    const accessory = block.accessory.type === 'image'
      ? Object.assign(document.createElement('img'), { src: block.accessory.image_url, alt: block.accessory.alt_text ?? '', className: 'bk-accessory-image' })
      : interactive(block.accessory, block, onAction);
    accessory.classList.add('bk-accessory');
    el.appendChild(accessory);
  }
}

function interactive(element, block, onAction) {
  if (element.type === 'button') {
    const button = document.createElement('button');
    button.className = `bk-button ${element.style ? `bk-${element.style}` : ''}`;
    button.innerHTML = text(element.text);
    button.dataset.actionId = element.action_id ?? '';
    button.addEventListener('click', () => {
      if (element.url) window.open(element.url, '_blank', 'noopener');
      onAction?.(element, block.block_id, button);
    });
    return button;
  }
  if (element.type === 'static_select' || element.type === 'overflow') {
    const select = selectOf(element, false);
    select.addEventListener('change', () => {
      const option = (element.options ?? []).find((o) => o.value === select.value);
      if (option) onAction?.({ ...element, selected_option: option }, block.block_id, select);
    });
    return select;
  }
  const span = document.createElement('span');
  span.className = 'bk-unknown';
  span.textContent = `[${element.type}]`;
  return span;
}

function selectOf(element, multi) {
  const select = document.createElement('select');
  select.className = 'bk-select';
  select.multiple = multi;
  if (!multi) select.insertAdjacentHTML('beforeend', `<option value="">${esc(element.placeholder?.text ?? 'Select an option')}</option>`);
  const chosen = new Set([element.initial_option?.value, ...(element.initial_options ?? []).map((o) => o.value)].filter(Boolean));
  for (const option of element.options ?? []) {
    const o = document.createElement('option');
    o.value = option.value;
    o.textContent = option.text?.text ?? option.value;
    o.selected = chosen.has(option.value);
    select.appendChild(o);
  }
  return select;
}

function input(el, block, names, error) {
  const element = block.element ?? {};
  const id = `bk-${block.block_id}-${Math.random().toString(36).slice(2, 8)}`;
  el.innerHTML = `<label class="bk-label" for="${id}">${esc(block.label?.text)}${block.optional ? ' <span class="bk-optional">(optional)</span>' : ''}</label>`;
  let control;
  switch (element.type) {
    case 'plain_text_input':
      control = document.createElement(element.multiline ? 'textarea' : 'input');
      control.value = element.initial_value ?? '';
      if (element.max_length) control.maxLength = element.max_length;
      break;
    case 'number_input':
      control = Object.assign(document.createElement('input'), { type: 'number', value: element.initial_value ?? '', step: 'any' });
      break;
    case 'datepicker':
      control = Object.assign(document.createElement('input'), { type: 'date', value: element.initial_date ?? '' });
      break;
    case 'static_select':
    case 'multi_static_select':
      control = selectOf(element, element.type === 'multi_static_select');
      break;
    default:
      control = Object.assign(document.createElement('span'), { className: 'bk-unknown', textContent: `[${element.type}]` });
  }
  control.id = id;
  control.classList.add('bk-control');
  control.dataset.blockId = block.block_id;
  control.dataset.actionId = element.action_id ?? '';
  control.dataset.type = element.type;
  if (element.placeholder && 'placeholder' in control) control.placeholder = element.placeholder.text;
  el.appendChild(control);
  if (block.hint) el.insertAdjacentHTML('beforeend', `<div class="bk-hint">${text(block.hint, names)}</div>`);
  if (error) el.insertAdjacentHTML('beforeend', `<div class="bk-error">${esc(error)}</div>`);
}

/** state.values as Slack sends it with a click or a submission: block_id → action_id → typed value. */
export function stateValues(root) {
  const values = {};
  for (const control of root.querySelectorAll('.bk-control')) {
    const { blockId, actionId, type } = control.dataset;
    let value;
    if (type === 'static_select') {
      const option = control.selectedOptions[0];
      value = { type, selected_option: option && option.value ? { text: { type: 'plain_text', text: option.textContent }, value: option.value } : null };
    } else if (type === 'multi_static_select') {
      value = { type, selected_options: [...control.selectedOptions].map((o) => ({ text: { type: 'plain_text', text: o.textContent }, value: o.value })) };
    } else if (type === 'datepicker') {
      value = { type, selected_date: control.value || null };
    } else {
      value = { type, value: control.value === '' ? null : control.value };
    }
    values[blockId] = { [actionId]: value };
  }
  return values;
}
