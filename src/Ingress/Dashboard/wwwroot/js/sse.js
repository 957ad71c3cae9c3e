import { api } from './api.js';

// EventSource cannot send an Authorization header (nor a body), so the stream is read through fetch.
// `request` is what api() takes besides the path: a POST with a JSON body for a streamed chat completion.
export async function* serverSentEvents(path, signal, request = {}) {
  const response = await api(path, { ...request, raw: true, signal, headers: { Accept: 'text/event-stream' } });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) yield event;
    }
  }
}

function parse(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (!data.length) return null;
  const text = data.join('\n');
  // OpenAI's streams end with `data: [DONE]`, the one data line that is not JSON.
  return { type, data: text === '[DONE]' ? text : JSON.parse(text) };
}
