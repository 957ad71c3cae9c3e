import { api, id } from './api.js';
import { serverSentEvents } from './sse.js';

// The chat panel: a streamed chat completion with the avatar's adapter (the current version or a pinned one);
// the conversation is kept until the avatar changes or "New conversation".
const $ = id => document.getElementById(id);
let current = null;
let history = [];
let running = null;

export function init() {
  $('chat-form').addEventListener('submit', e => {
    e.preventDefault();
    send();
  });
  $('chat-message').addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('chat-form').requestSubmit();
    }
  });
  $('chat-stop').addEventListener('click', () => running?.abort());
  $('chat-clear').addEventListener('click', () => {
    running?.abort();
    history = [];
    $('chat-log').replaceChildren();
    $('chat-error').textContent = '';
  });
}

export async function show(avatar) {
  if (current?.userId !== avatar.userId || current?.avatarId !== avatar.avatarId) {
    history = [];
    $('chat-log').replaceChildren();
    $('chat-error').textContent = '';
  }
  current = { ...avatar };
  await listVersions();
  return () => running?.abort();
}

async function listVersions() {
  const select = $('chat-version');
  const chosen = select.value;
  select.replaceChildren(new Option('Current version', ''));
  try {
    const info = await api(`/adapters/${id(current.userId)}/${id(current.avatarId)}/info`);
    for (const v of [...info.versions].reverse()) {
      const label = v.version === info.current_version ? `Version ${v.version} (current)` : `Version ${v.version}`;
      select.add(new Option(label, String(v.version)));
    }
    select.value = [...select.options].some(o => o.value === chosen) ? chosen : '';
  } catch (err) {
    if (err.status !== 404) throw err;
    $('chat-error').textContent = 'This avatar has no adapter yet: train one first.';
  }
}

function turn(role, text) {
  const item = document.createElement('li');
  item.className = role;
  const who = Object.assign(document.createElement('span'), { className: 'who', textContent: role === 'user' ? 'You' : current.avatarId });
  const body = Object.assign(document.createElement('span'), { className: 'text', textContent: text });
  item.append(who, body);
  $('chat-log').append(item);
  return body;
}

async function send() {
  const text = $('chat-message').value.trim();
  if (!text || running) return;
  const version = $('chat-version').value;
  const model = `${current.userId}/${current.avatarId}${version ? `@v${version}` : ''}`;
  $('chat-error').textContent = '';
  $('chat-message').value = '';
  const question = turn('user', text);
  const asked = [...history, { role: 'user', content: text }];
  const answer = turn('assistant', '');
  answer.parentElement.setAttribute('aria-busy', 'true');
  running = new AbortController();
  $('chat-send').disabled = true;
  $('chat-stop').disabled = false;
  try {
    const request = { method: 'POST', json: { model, messages: asked, stream: true } };
    for await (const event of serverSentEvents('/v1/chat/completions', running.signal, request)) {
      if (event.data === '[DONE]') break;
      if (event.data.error) throw new Error(event.data.error.message);
      answer.textContent += event.data.choices?.[0]?.delta?.content ?? '';
    }
    history = [...asked, { role: 'assistant', content: answer.textContent }];
  } catch (err) {
    if (err.name === 'AbortError') {
      history = [...asked, { role: 'assistant', content: answer.textContent }];
      answer.textContent += ' [stopped]';
    } else {
      question.parentElement.remove();
      answer.parentElement.remove();
      $('chat-error').textContent = err.message;
      $('chat-message').value = text;
    }
  } finally {
    answer.parentElement?.removeAttribute('aria-busy');
    running = null;
    $('chat-send').disabled = false;
    $('chat-stop').disabled = true;
    $('chat-message').focus();
  }
}
