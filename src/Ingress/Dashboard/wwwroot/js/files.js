import { api, upload, id } from './api.js';
import { say, fail, cell, button, when, bytes } from './ui.js';

const $ = id => document.getElementById(id);
let current = null;
const base = a => `/training-data/${id(a.userId)}/${id(a.avatarId)}`;

export function init() {
  $('upload-form').addEventListener('submit', async e => {
    e.preventDefault();
    await send($('upload-files').files);
  });
  const zone = $('drop-zone');
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async e => {
    e.preventDefault();
    zone.classList.remove('over');
    await send(e.dataTransfer.files);
  });
  $('delete-non-training').addEventListener('click', async () => {
    try {
      const result = await api(`${base(current)}/non-training-files`, { method: 'DELETE' });
      say(`Deleted ${result.removed_count} file(s), ${bytes(result.freed_bytes)} freed.`);
      await load();
    } catch (err) { fail(err); }
  });
}

export async function show(avatar) {
  current = avatar;
  await load();
}

async function send(fileList) {
  if (!fileList?.length) return;
  const form = new FormData();
  // The API takes names in NFC, the form most systems write; macOS may hand over the decomposed one.
  for (const f of fileList) form.append('files', f, f.name.normalize('NFC'));
  const progress = $('upload-progress');
  progress.hidden = false;
  progress.value = 0;
  const flag = $('upload-for-training').checked;
  try {
    const result = await upload(`${base(current)}/upload?use_for_training=${flag}`, form, fraction => {
      progress.value = Math.round(fraction * 100);
      $('upload-percent').textContent = `${progress.value}%`;
    });
    progress.value = 100;
    say(`Uploaded ${result.files.map(f => f.file_name).join(', ')}.`);
    $('upload-form').reset();
    await load();
  } catch (err) {
    fail(err);
  }
}

async function load() {
  const list = await api(`${base(current)}/list?limit=1000`);
  $('files-summary').textContent =
    `${list.total_files} file(s), ${list.training_files} used for training, ${bytes(list.total_bytes)} in all.`;
  const body = $('files-table').tBodies[0];
  body.replaceChildren();
  for (const f of list.files) {
    const row = body.insertRow();
    cell(row, f.file_name);
    cell(row, bytes(f.size_bytes));
    const flag = Object.assign(document.createElement('input'), { type: 'checkbox', checked: f.use_for_training });
    flag.setAttribute('aria-label', `Use ${f.file_name} for training`);
    flag.addEventListener('change', async () => {
      try {
        await api(`${base(current)}/${id(f.file_name)}/training-flag`, { method: 'PUT', json: { use_for_training: flag.checked } });
        await load();
      } catch (err) { flag.checked = !flag.checked; fail(err); }
    });
    cell(row, flag);
    cell(row, when(f.uploaded_at));
    const actions = cell(row, button('Download', async () => {
      const link = await api(`${base(current)}/download/${id(f.file_name)}`);
      window.open(link.url, '_blank', 'noopener');
    }, `Download ${f.file_name}`));
    actions.append(button('Delete', async () => {
      if (!confirm(`Delete ${f.file_name}?`)) return;
      await api(`${base(current)}/${id(f.file_name)}`, { method: 'DELETE' });
      say(`Deleted ${f.file_name}.`);
      await load();
    }, `Delete ${f.file_name}`));
  }
}
