import { api, id } from './api.js';
import { when } from './ui.js';

const $ = id => document.getElementById(id);
let current = null;
let after = 0;

export function init() {
  $('history-more').addEventListener('click', () => load());
}

export async function show(avatar) {
  current = avatar;
  after = 0;
  $('history-list').replaceChildren();
  await load();
}

async function load() {
  const page = await api(`/avatars/${id(current.userId)}/${id(current.avatarId)}/history?after_version=${after}&limit=100`);
  for (const e of page.events) {
    const item = document.createElement('li');
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = `#${e.version} ${e.type} — ${when(e.timestamp)}`;
    const data = document.createElement('pre');
    data.textContent = pretty(e.data);
    details.append(summary, data);
    item.append(details);
    $('history-list').append(item);
  }
  if (page.events.length === 0 && after === 0) {
    $('history-list').append(Object.assign(document.createElement('li'), { textContent: 'No events yet.' }));
  }
  after = page.next_after_version ?? after;
  $('history-more').hidden = page.next_after_version == null;
}

function pretty(data) {
  try { return JSON.stringify(typeof data === 'string' ? JSON.parse(data) : data, null, 2); } catch { return String(data); }
}
