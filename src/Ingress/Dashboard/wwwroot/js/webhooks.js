import { api, id } from './api.js';
import { say, fail, cell, button, when } from './ui.js';

const $ = id => document.getElementById(id);
let current = null;
const base = a => `/webhooks/${id(a.userId)}`;

export function init() {
  $('subscription-form').addEventListener('submit', async e => {
    e.preventDefault();
    const events = [...document.querySelectorAll('#subscription-form input[name=events]:checked')].map(c => c.value);
    try {
      const created = await api(`${base(current)}/subscriptions`, {
        method: 'POST',
        json: { url: $('sub-url').value, events, description: $('sub-description').value || null },
      });
      $('sub-secret').textContent = `Subscribed. Signing secret (shown only now): ${created.secret}`;
      $('subscription-form').reset();
      await loadSubscriptions();
    } catch (err) { fail(err); }
  });
  $('deliveries-refresh').addEventListener('click', () => loadDeliveries().catch(fail));
}

export async function show(avatar) {
  current = avatar;
  $('sub-secret').textContent = '';
  await Promise.all([loadSubscriptions(), loadDeliveries()]);
}

async function loadSubscriptions() {
  const list = await api(`${base(current)}/subscriptions`);
  const body = $('subscriptions-table').tBodies[0];
  body.replaceChildren();
  for (const s of list.subscriptions) {
    const row = body.insertRow();
    cell(row, s.url);
    cell(row, s.events.join(', '));
    cell(row, s.enabled ? 'yes' : `no (${s.disabled_reason ?? ''})`);
    cell(row, button('Delete', async () => {
      if (!confirm(`Delete the subscription to ${s.url}?`)) return;
      await api(`${base(current)}/subscriptions/${id(s.subscription_id)}`, { method: 'DELETE' });
      say('Subscription deleted.');
      await loadSubscriptions();
    }, `Delete subscription to ${s.url}`));
  }
}

async function loadDeliveries() {
  const page = await api(`${base(current)}/deliveries?limit=50`);
  const body = $('deliveries-table').tBodies[0];
  body.replaceChildren();
  for (const d of page.deliveries) {
    const row = body.insertRow();
    const last = d.attempts.at(-1);
    cell(row, d.event_type);
    cell(row, d.url);
    cell(row, d.state).dataset.state = d.state;
    cell(row, `${d.attempts.length}${last ? ` (last: ${last.status_code ?? last.error})` : ''}`);
    cell(row, when(d.created_at));
    cell(row, button('Redeliver', async () => {
      const again = await api(`${base(current)}/deliveries/${id(d.delivery_id)}/redeliver`, { method: 'POST' });
      say(`Delivery ${again.delivery_id} is ${again.state}.`);
      await loadDeliveries();
    }, `Redeliver ${d.event_type} to ${d.url}`));
  }
  if (page.deliveries.length === 0) {
    cell(body.insertRow(), 'No deliveries yet.').colSpan = 6;
  }
}
