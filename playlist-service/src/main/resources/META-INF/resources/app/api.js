// Every call goes to playlist-service's own origin: the browser never needs another port.
const KEY = 'segue.apiKey';
let asking = null;

export class Problem extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

function askKey(reason) {
  const dialog = document.getElementById('key-dialog');
  const input = document.getElementById('key-input');
  document.getElementById('key-reason').textContent = reason;
  input.value = '';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      const key = dialog.returnValue === 'ok' ? input.value.trim() : '';
      if (key) sessionStorage.setItem(KEY, key);
      resolve(key);
    }, { once: true });
    dialog.showModal();
    input.focus();
  });
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    const body = await response.json().catch(() => null);
    const detail = body && (body.detail || body.title);
    const violations = body && Array.isArray(body.violations)
      ? body.violations.map(v => `${v.field}: ${v.message}`).join('; ') : '';
    return new Problem(response.status, [detail, violations].filter(Boolean).join(' — ')
      || `${response.status} ${response.statusText}`, body);
  }
  return new Problem(response.status, `${response.status} ${response.statusText}`, null);
}

/** fetch with the session's API key; a 401 asks for the key once and repeats the request. */
export async function request(method, path, body, { raw = false, accept, signal } = {}) {
  const headers = { Accept: accept || (raw ? '*/*' : 'application/json') };
  const key = sessionStorage.getItem(KEY);
  if (key) headers['X-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    // the browser's own words ("Failed to fetch") do not say what is down
    throw new Problem(0, `Segue does not answer at ${location.host} (playlist-service stopped, or the network is down): ${e.message}`, null);
  }
  // a wrong key is asked for again, with the service's reason, until one works or the question is cancelled
  if (response.status === 401) {
    const problem = await problemOf(response);
    sessionStorage.removeItem(KEY);
    // requests refused together share one question
    asking ||= askKey(problem.message).finally(() => { asking = null; });
    const entered = await asking;
    if (!entered) throw problem;
    return request(method, path, body, { raw, accept, signal });
  }
  if (!response.ok) throw await problemOf(response);
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body) => request('POST', path, body ?? {});
export const patch = (path, body) => request('PATCH', path, body);
export const del = path => request('DELETE', path);

/** A GET whose 404 means "not there" (an optional endpoint), not an error. */
export async function optional(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof Problem && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

/** Downloads an authenticated file (M3U): a plain link could not send the key. */
export async function download(path, filename) {
  const response = await get(path, { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
