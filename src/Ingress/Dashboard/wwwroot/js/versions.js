import { api, id, download } from './api.js';
import { say, cell, button, when, bytes } from './ui.js';

const $ = id => document.getElementById(id);
let current = null;
const base = a => `/adapters/${id(a.userId)}/${id(a.avatarId)}`;

export function init() {
  $('download-current').addEventListener('click', async () => {
    try {
      await download(base(current), `${current.avatarId}.zip`);
    } catch (err) { say(err.message, true); }
  });
}

export async function show(avatar) {
  current = avatar;
  await load();
}

async function load() {
  const body = $('versions-table').tBodies[0];
  body.replaceChildren();
  let info;
  try {
    info = await api(`${base(current)}/info`);
  } catch (err) {
    if (err.status !== 404) throw err;
    $('versions-summary').textContent = 'This avatar has no adapter yet.';
    $('download-current').hidden = true;
    return;
  }
  $('download-current').hidden = false;
  $('versions-summary').textContent =
    `Adapter ${info.adapter_name} on ${info.base_model}: version ${info.current_version} is current.`;
  for (const v of [...info.versions].reverse()) {
    const row = body.insertRow();
    const isCurrent = v.version === info.current_version;
    cell(row, isCurrent ? `${v.version} (current)` : String(v.version));
    cell(row, v.trained ? 'yes' : 'no');
    cell(row, v.metrics?.final_train_loss == null ? '—' : v.metrics.final_train_loss.toFixed(4));
    cell(row, bytes(v.size_bytes));
    cell(row, when(v.created_at));
    cell(row, isCurrent ? '' : button('Restore', async () => {
      await api(`${base(current)}/versions/${v.version}/restore`, { method: 'POST' });
      say(`Version ${v.version} is current again.`);
      await load();
    }, `Restore version ${v.version}`));
  }
}
