// Small helpers every page uses: the message line, table cells, buttons that report their errors, formats.
const $ = id => document.getElementById(id);

export function say(text, isError = false) {
  const box = $('message');
  box.textContent = text;
  box.classList.toggle('error', isError);
  box.setAttribute('role', isError ? 'alert' : 'status');
  box.hidden = !text;
}

export const fail = error => say(error.message ?? String(error), true);

export function cell(row, content) {
  const td = row.insertCell();
  if (content instanceof Node) td.append(content);
  else td.textContent = content ?? '';
  return td;
}

export function button(label, onClick, accessibleName) {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
  if (accessibleName) b.setAttribute('aria-label', accessibleName);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await onClick(); } catch (e) { fail(e); } finally { b.disabled = false; }
  });
  return b;
}

export const when = iso => (iso ? new Date(iso).toLocaleString() : '');
export const bytes = n => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);
