import { api, id } from './api.js';
import { serverSentEvents } from './sse.js';
import { drawChart } from './chart.js';
import { say, fail, when } from './ui.js';

const $ = id => document.getElementById(id);
const finalStates = ['succeeded', 'failed', 'cancelled'];
let jobId = null;

export function init() {
  $('job-cancel').addEventListener('click', async () => {
    try {
      render(await api(`/jobs/${id(jobId)}/cancel?reason=${encodeURIComponent('cancelled from the dashboard')}`, { method: 'POST' }));
      say('Cancellation requested.');
    } catch (err) { fail(err); }
  });
}

/** Shows the job named in the address, else the avatar's running job; follows it live until it ends. */
export async function show(avatar, requested) {
  jobId = requested ?? null;
  // Nothing of the job shown before may linger while the next one loads.
  for (const fact of document.querySelectorAll('#job-view dd')) fact.textContent = '';
  $('job-id').textContent = jobId ?? '';
  if (!jobId) {
    try {
      const info = await api(`/adapters/${id(avatar.userId)}/${id(avatar.avatarId)}/info`);
      jobId = info.running_job_id;
    } catch (err) {
      if (err.status !== 404) throw err;
    }
  }
  $('job-none').hidden = Boolean(jobId);
  $('job-view').hidden = !jobId;
  if (!jobId) return null;

  const stop = new AbortController();
  const loss = { name: 'loss', color: '#1f6feb', points: [] };
  const evalLoss = { name: 'eval loss', color: '#d9480f', points: [] };
  const redraw = () => {
    drawChart($('loss-chart'), [loss, evalLoss]);
    const last = loss.points.at(-1);
    $('loss-chart').dataset.points = String(loss.points.length);
    $('loss-caption').textContent = last
      ? `Loss by step: ${loss.points.length} point(s), last ${last.y.toFixed(4)} at step ${last.x}.`
      : 'Loss by step: no points yet.';
  };
  $('job-id').textContent = jobId;
  render(await api(`/jobs/${id(jobId)}`));
  redraw();
  follow(jobId, stop.signal, loss, evalLoss, redraw);
  window.addEventListener('resize', redraw, { signal: stop.signal });
  return () => stop.abort();
}

async function follow(job, signal, loss, evalLoss, redraw) {
  let refreshed = 0;
  try {
    for await (const { data: e } of serverSentEvents(`/jobs/${id(job)}/events`, signal)) {
      if (e.step != null && e.loss != null) plot(loss, e.step, e.loss);
      if (e.step != null && e.eval_loss != null) plot(evalLoss, e.step, e.eval_loss);
      redraw();
      $('job-state').textContent = e.state;
      // ETA and tokens/s live on the job, not on its events: read it at most once a second.
      if (Date.now() - refreshed > 1000 || finalStates.includes(e.state)) {
        refreshed = Date.now();
        render(await api(`/jobs/${id(job)}`, { signal }));
      }
    }
    render(await api(`/jobs/${id(job)}`, { signal }));
  } catch (err) {
    if (!signal.aborted) fail(err);
  }
}

/** One point per step: an event that repeats a step (the end of training) replaces its value. */
function plot(series, x, y) {
  const last = series.points.at(-1);
  if (last?.x === x) last.y = y;
  else series.points.push({ x, y });
}

function render(job) {
  const number = (v, digits = 4) => (v == null ? '—' : Number(v).toFixed(digits));
  $('job-state').textContent = job.state;
  $('job-step').textContent = job.step == null ? '—' : `${job.step} / ${job.total_steps ?? '?'}`;
  $('job-epoch').textContent = job.epoch ?? '—';
  $('job-loss').textContent = number(job.loss);
  $('job-eval-loss').textContent = number(job.eval_loss);
  $('job-tps').textContent = number(job.tokens_per_second, 0);
  $('job-eta').textContent = job.eta_seconds == null ? '—' : `${Math.round(job.eta_seconds)} s`;
  $('job-version').textContent = job.version ?? '—';
  $('job-progress').value = job.progress_percent ?? 0;
  $('job-progress').textContent = `${job.progress_percent ?? 0}%`;
  $('job-error').textContent = job.error ?? '';
  $('job-cancel').hidden = finalStates.includes(job.state);
  $('job-view').dataset.finishedAt = when(job.finished_at);
}
