import { session } from './api.js';
import { say, fail } from './ui.js';
import * as files from './files.js';
import * as training from './training.js';
import * as job from './job.js';
import * as versions from './versions.js';
import * as chat from './chat.js';
import * as history from './history.js';
import * as webhooks from './webhooks.js';

const pages = { files, train: training, job, versions, chat, history, webhooks };
const $ = id => document.getElementById(id);
const avatarKey = 'adapterPipeline.avatar';
let leave = null;

/** The avatar being looked at; ids only, so keeping them in the tab's session is harmless. */
export const avatar = JSON.parse(sessionStorage.getItem(avatarKey) ?? '{"userId":"","avatarId":""}');

async function route() {
  leave?.();
  leave = null;
  const signedIn = Boolean(session.key);
  $('sign-in').hidden = signedIn;
  $('workspace').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  if (!signedIn) return;

  const [name, arg] = location.hash.slice(1).split('/');
  const page = pages[name] ? name : 'files';
  for (const section of document.querySelectorAll('.page')) section.hidden = section.id !== `page-${page}`;
  for (const link of document.querySelectorAll('.tabs a')) {
    if (link.hash === `#${page}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const needs = page === 'webhooks' ? avatar.userId : avatar.userId && avatar.avatarId;
  if (!needs) {
    say('Enter a user id and an avatar id, then open the avatar.');
    return;
  }
  say('');
  try {
    leave = (await pages[page].show(avatar, arg && decodeURIComponent(arg))) ?? null;
  } catch (e) {
    fail(e);
  }
}

$('sign-in-form').addEventListener('submit', e => {
  e.preventDefault();
  session.signIn($('api-key').value.trim());
  $('api-key').value = '';
  route();
});

$('sign-out').addEventListener('click', () => {
  session.signOut();
  say('');
  route();
});

session.onRefused(status => {
  if (status === 401) {
    session.signOut();
    route().then(() => say('The API key was refused. Sign in again.', true));
  }
});

$('user-id').value = avatar.userId;
$('avatar-id').value = avatar.avatarId;
$('avatar-form').addEventListener('submit', e => {
  e.preventDefault();
  avatar.userId = $('user-id').value.trim();
  avatar.avatarId = $('avatar-id').value.trim();
  sessionStorage.setItem(avatarKey, JSON.stringify(avatar));
  route();
});

for (const mod of Object.values(pages)) mod.init?.();
window.addEventListener('hashchange', route);
route();
