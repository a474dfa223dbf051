/** el('p.muted', {id: 'x'}, 'text', child…): a small DOM builder so no markup is built from strings. */
export function el(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k in node && k !== 'list' && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

export function showError(e) {
  const box = document.getElementById('error');
  if (!e) { box.hidden = true; box.textContent = ''; return; }
  box.textContent = e.message || String(e);
  box.hidden = false;
  // not a service's problem but the page's own failure: an error in the console, where the browser test looks
  if (!(e && e.status)) console.error(e);
}

/** Runs an action, showing a problem's detail instead of failing silently. */
export async function guard(action) {
  try {
    showError(null);
    return await action();
  } catch (e) {
    showError(e);
    return undefined;
  }
}

export const num = n => (n ?? 0).toLocaleString('en');
export const pct = x => x === null || x === undefined ? '–' : `${Math.round(x * 100)} %`;

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

export function progress(done, total, label) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return el('div.progress', { role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': String(total || 0),
    'aria-valuenow': String(done || 0) }, el('span', { style: `width:${(share * 100).toFixed(1)}%` }));
}

export function scoreBar(kind, value) {
  if (value === null || value === undefined) return el('span.muted', { 'aria-label': `${kind} score: none` }, '–');
  const v = Math.max(0, Math.min(1, value));
  return el('span', { title: `${kind} ${value.toFixed(2)}` },
    el(`span.bar.${kind}`, { role: 'meter', 'aria-label': `${kind} score`, 'aria-valuemin': '0', 'aria-valuemax': '1',
      'aria-valuenow': value.toFixed(2) }, el('span', { style: `width:${(v * 100).toFixed(0)}%` })),
    ' ', el('span.muted', value.toFixed(2)));
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

export function trackLabel(t) {
  return `${t.artist ?? 'Unknown artist'} – ${t.title ?? 'Untitled'}`;
}

/** Replaces a node's children, skipping the null/false of conditional parts (replaceChildren would print them). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  return node;
}
