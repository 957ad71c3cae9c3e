// Every call to the API goes through here: the pasted key as a bearer token, problem details turned into errors.
const keyName = 'adapterPipeline.apiKey';
const listeners = new Set();

export const session = {
  get key() { return sessionStorage.getItem(keyName); },
  signIn(key) { sessionStorage.setItem(keyName, key); },
  signOut() { sessionStorage.removeItem(keyName); },
  onRefused(listener) { listeners.add(listener); },
};

export class ApiError extends Error {
  /** From problem details, or from OpenAI's error shape ({error: {message, param, code}}) on the /v1 routes. */
  constructor(status, problem) {
    const openAi = problem?.error;
    const fields = openAi
      ? (openAi.param ? [`${openAi.param}: ${openAi.code ?? 'invalid'}`] : [])
      : Object.entries(problem?.errors ?? {}).map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`);
    const title = openAi ? openAi.message : problem?.title;
    super([title ?? `HTTP ${status}`, openAi ? null : problem?.detail, ...fields].filter(Boolean).join(' — '));
    this.status = status;
    this.problem = problem;
  }
}

async function errorOf(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
  if (response.status === 401 || response.status === 403) {
    listeners.forEach(l => l(response.status));
  }
  return new ApiError(response.status, problem);
}

export const id = value => encodeURIComponent(value);

/** fetch with the key; returns parsed JSON, or the Response itself when `raw`. */
export async function api(path, { method = 'GET', json, headers = {}, raw = false, signal } = {}) {
  const h = new Headers(headers);
  h.set('Authorization', `Bearer ${session.key}`);
  let body;
  if (json !== undefined) {
    h.set('Content-Type', 'application/json');
    body = JSON.stringify(json);
  }
  const response = await fetch(path, { method, headers: h, body, signal });
  if (!response.ok) throw await errorOf(response);
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

/** Multipart upload through XMLHttpRequest, the one browser API that reports upload progress. */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', `Bearer ${session.key}`);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.response);
      if (xhr.status === 401 || xhr.status === 403) listeners.forEach(l => l(xhr.status));
      reject(new ApiError(xhr.status, xhr.response));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { title: 'The upload could not reach the server.' })));
    xhr.send(form);
  });
}

/** Fetches with the key and hands the body to the browser as a file. */
export async function download(path, fileName) {
  const blob = await (await api(path, { raw: true })).blob();
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
