import { api, id } from './api.js';
import { say, fail } from './ui.js';

const $ = id => document.getElementById(id);
let current = null;

export function init() {
  const form = $('train-form');
  form.addEventListener('input', preview);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const accepted = await api(`/adapters/${id(current.userId)}/${id(current.avatarId)}/train`, { method: 'POST', json: body() });
      say(`Training job ${accepted.job_id} is ${accepted.state}.`);
      location.hash = `#job/${accepted.job_id}`;
    } catch (err) {
      const running = err.problem?.errors?.running_job_id;
      fail(err);
      if (running) location.hash = `#job/${[].concat(running)[0]}`;
    }
  });
}

export function show(avatar) {
  current = avatar;
  preview();
}

/** The train body: fields left empty take the service's defaults. */
function body() {
  const json = {};
  for (const input of $('train-form').querySelectorAll('input[name]')) {
    const value = input.value.trim();
    if (value === '') continue;
    if (input.name === 'target_modules') json.target_modules = value.split(',').map(m => m.trim()).filter(Boolean);
    else json[input.name] = input.type === 'number' ? Number(value) : value;
  }
  return json;
}

function preview() {
  $('train-preview').textContent = JSON.stringify(body(), null, 2);
}
