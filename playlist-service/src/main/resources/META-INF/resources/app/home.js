import { get, post, del } from './api.js';
import { el, guard, num, pct, duration, progress, showError } from './ui.js';

let timer = null;
let root = null;

export function leave() {
  clearTimeout(timer);
  timer = null;
  root = null;
}

export async function show(main) {
  root = el('div', el('h1', 'Home'),
    el('section', { 'aria-labelledby': 'h-runs' }, el('h2', { id: 'h-runs' }, 'Runs'), el('div', { id: 'runs' }, 'Loading…')),
    el('section', { 'aria-labelledby': 'h-lib' }, el('h2', { id: 'h-lib' }, 'Library'), el('div', { id: 'counts' }, 'Loading…')),
    el('section', { 'aria-labelledby': 'h-status' }, el('h2', { id: 'h-status' }, 'Services'), el('div', { id: 'readiness' }, 'Loading…')));
  main.append(root);
  await refresh();
}

// Each part is loaded on its own: one service down must not blank the others.
async function part(id, load, render) {
  const box = root && root.querySelector(`#${id}`);
  if (!box) return;
  try {
    box.replaceChildren(render(await load()));
  } catch (e) {
    box.replaceChildren(el('p.bad', e.message));
  }
}

async function refresh() {
  const mine = root;
  const [running] = await Promise.all([
    runsPart(),
    part('counts', () => Promise.all([
      get('/api/stats'),
      get('/api/enrichment/stats').catch(e => ({ error: e.message })),
      get('/api/analysis/stats').catch(e => ({ error: e.message })),
    ]), renderCounts),
    part('readiness', () => get('/api/status'), renderStatus),
  ]);
  if (mine !== root) return;
  // when the first counts, runs and readiness are on screen (the browser test's "interactive" budget)
  document.body.dataset.homeReady ||= String(Math.round(performance.now()));
  timer = setTimeout(refresh, running ? 1000 : 5000);
}

function card(label, value, note) {
  return el('div.card', el('span.muted', label), el('b', value), note ? el('small.muted', note) : null);
}

function renderCounts([stats, enrichment, analysis]) {
  const formats = Object.entries(stats.byFormat || {}).map(([f, n]) => `${f} ${num(n)}`).join(', ');
  const cov = enrichment.entities || {};
  // a share of nothing is not 0 %: an empty library shows a dash and says why
  const share = (part, whole) => whole ? part / whole : null;
  const genres = c => enrichment.error ? ['–', enrichment.error]
    : c && c.total ? [pct(c.coverage), `${num(c.withGenres)} of ${num(c.total)}`] : ['–', 'nothing to enrich yet'];
  const analysed = analysis.error ? null : share(analysis.analysed, analysis.presentTracks);
  return el('div',
    el('div.cards',
      card('Tracks', num(stats.tracks), duration(stats.totalDurationMs / 1000)),
      card('Albums', num(stats.albums)),
      card('Artists', num(stats.artists)),
      card('Missing', num(stats.missing)),
      card('Genres (artists)', ...genres(cov.artists)),
      card('Genres (albums)', ...genres(cov.albums)),
      card('Analysed', pct(analysed), analysis.error || (analysis.presentTracks
        ? `${num(analysis.analysed)} of ${num(analysis.presentTracks)}, ${num(analysis.failed)} failed` : 'nothing to analyse yet'))),
    el('p.muted', formats ? `Formats: ${formats}` : 'No tracks yet: start a scan above.'));
}

function renderStatus(status) {
  return el('table', el('thead', el('tr', el('th', 'Service'), el('th', 'Status'), el('th', 'Why'))),
    el('tbody', status.services.map(s => el('tr', { 'data-service': s.service },
      el('td', s.service),
      el('td', el(s.status === 'UP' ? 'span.ok' : 'span.bad', s.status)),
      el('td', s.reason || (s.notes && s.notes.length ? s.notes.join('; ') : ''))))));
}

// every run kind answers the same shape: a page of runs, total/done/failed, ratePerSecond, etaSeconds, DELETE to cancel
const runKind = (id, label, path, body, line) => ({ id, label, path, body, line,
  list: () => get(`${path}?page=0&size=1`).then(p => p.items) });

const KINDS = [
  runKind('scan', 'Scan', '/api/scans', {}, r => `${num(r.done)} of ${num(r.total)} files, ${num(r.newTracks)} new, `
    + `${num(r.failed)} unreadable` + rate(r.ratePerSecond, 'files/s', r.etaSeconds)),
  runKind('enrichment', 'Genres', '/api/enrichment/runs', { scope: 'all' }, enrichmentLine),
  runKind('analysis', 'Sound analysis', '/api/analysis/runs', { scope: 'pending' },
    r => `${num(r.done)} of ${num(r.total)} tracks, ${num(r.failed)} failed` + rate(r.ratePerSecond, 'tracks/s', r.etaSeconds)),
];

function rate(perSecond, unit, eta) {
  const parts = [];
  if (perSecond) parts.push(`${perSecond.toFixed(1)} ${unit}`);
  if (eta !== null && eta !== undefined) parts.push(`ETA ${duration(eta)}`);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}

function enrichmentLine(r) {
  return Object.entries(r.progress || {}).map(([source, p]) =>
    `${source}: ${p.state}${p.total ? ` ${num(p.done)}/${num(p.total)}` : ''}${p.errors ? `, ${p.errors} errors` : ''}`
    + (p.message ? ` (${p.message})` : '') + (p.state === 'running' ? rate(p.ratePerSecond, '/s', p.etaSeconds) : '')).join(' · ');
}

// The files a scan could not read, loaded when the reader opens the list; it stays open across refreshes.
const openErrors = new Set();

function scanErrors(run) {
  const body = el('div', 'Loading…');
  const details = el('details', { 'data-scan-errors': String(run.id) },
    el('summary', `Which ${run.failed === 1 ? 'file' : `${num(run.failed)} files`} and why`), body);
  const load = () => get(`/api/scans/${run.id}/errors?page=0&size=100`).then(p => body.replaceChildren(
    el('ol', p.items.map(e => el('li', el('code', e.path), ': ', e.reason))),
    p.total > p.items.length ? el('small.muted', `the first ${num(p.items.length)} of ${num(p.total)}`) : null))
    .catch(e => body.replaceChildren(el('p.bad', e.message)));
  details.addEventListener('toggle', () => {
    if (details.open) { openErrors.add(run.id); load(); } else openErrors.delete(run.id);
  });
  if (openErrors.has(run.id)) details.open = true;
  return details;
}

const active = s => s === 'running' || s === 'queued';

async function runsPart() {
  const box = root && root.querySelector('#runs');
  if (!box) return false;
  let anyRunning = false;
  const rows = await Promise.all(KINDS.map(async kind => {
    try {
      const [run] = await kind.list();
      const running = run && active(run.status);
      anyRunning ||= running;
      return el('tr', { 'data-run': kind.id, 'data-status': run ? run.status : 'none' },
        el('th', { scope: 'row' }, kind.label),
        el('td', run ? `${run.status}` : 'never run'),
        el('td', run ? [progress(run.done, run.total, `${kind.label} progress`), el('small.muted', kind.line(run)),
          run.message ? el(run.status === 'completed' ? 'small.muted' : 'small.bad', ` · ${run.message}`) : null,
          kind.id === 'scan' && run.failed ? scanErrors(run) : null] : ''),
        el('td', running
          ? el('button', { onclick: () => act(() => del(`${kind.path}/${run.id}`)) }, `Cancel ${kind.label.toLowerCase()}`)
          : el('button', { onclick: () => act(() => post(kind.path, kind.body)) }, `Start ${kind.label.toLowerCase()}`)));
    } catch (e) {
      return el('tr', { 'data-run': kind.id, 'data-status': 'unavailable' }, el('th', { scope: 'row' }, kind.label),
        el('td', { colspan: '3' }, el('span.bad', e.message)));
    }
  }));
  box.replaceChildren(el('table', el('tbody', rows)));
  return anyRunning;
}

async function act(action) {
  await guard(action);
  clearTimeout(timer);
  await runsPart().catch(showError);
  timer = setTimeout(refresh, 500);
}

