import { get, post } from './api.js';
import { el, guard, num, pct } from './ui.js';
import { addSeed } from './seeds.js';
import { playlistView } from './playlist-view.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#393b79'];
const OTHER = '#b8bcc2';
const CELL = 8;
let cleanup = null;

export function leave() {
  if (cleanup) cleanup();
  cleanup = null;
}

export async function show(main) {
  const started = performance.now();
  const map = await get('/api/map');
  const canvas = el('canvas', { id: 'map-canvas', tabindex: '0', role: 'img',
    'aria-label': `Sonic map of ${map.count} tracks; use the track search on Build for keyboard seeding` });
  const tip = el('div', { id: 'map-tip', hidden: true });
  const colourBy = el('select', { id: 'colour-by' }, el('option', { value: 'genre' }, 'genre'), el('option', { value: 'album' }, 'album'));
  const clickMode = el('select', { id: 'click-mode' }, el('option', { value: 'seed' }, 'adds a seed'), el('option', { value: 'path' }, 'picks the ends of a path'));
  const legend = el('div.legend', { id: 'legend' });
  const picked = el('p', { id: 'picked', 'aria-live': 'polite' });
  const result = el('div', { id: 'map-result' });
  const axes = map.axes || [];
  const axisText = (a, dir) => a ? `${dir}: ${a.name} (${pct(a.explained)} of the variance; low = ${a.low}, high = ${a.high})` : '';
  main.append(el('h1', 'Map'),
    el('p.muted', { id: 'map-count' }, `${num(map.count)} analysed tracks, analyzer version ${map.analyzerVersion}.`),
    el('div.row', el('label', { for: 'colour-by' }, 'Colour by'), colourBy, el('label', { for: 'click-mode' }, 'A click'), clickMode),
    el('div', { id: 'map-wrap' }, canvas, tip), legend,
    el('p.muted', { id: 'axes' }, axisText(axes[0], '→'), el('br'), axisText(axes[1], '↑')),
    picked, result);
  if (!map.count) {
    picked.textContent = 'Nothing analysed yet: start the sound analysis on Home.';
    return;
  }

  const n = map.count;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    if (map.x[i] < minX) minX = map.x[i]; if (map.x[i] > maxX) maxX = map.x[i];
    if (map.y[i] < minY) minY = map.y[i]; if (map.y[i] > maxY) maxY = map.y[i];
  }
  const px = new Float32Array(n), py = new Float32Array(n);
  let colours = [];
  let grid = new Map();
  let width = 0, height = 0;
  const pathEnds = [];

  function colour() {
    const by = colourBy.value === 'album' ? map.album : map.genre;
    const names = colourBy.value === 'album' ? map.albums : map.genres;
    const counts = new Map();
    for (let i = 0; i < n; i++) if (by[i] >= 0) counts.set(by[i], (counts.get(by[i]) || 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, PALETTE.length).map(e => e[0]);
    const slot = new Map(top.map((k, i) => [k, i]));
    colours = PALETTE.map(() => []);
    colours.push([]);
    for (let i = 0; i < n; i++) {
      const s = slot.get(by[i]);
      colours[s === undefined ? PALETTE.length : s].push(i);
    }
    legend.replaceChildren(...top.map((k, i) => el('span', el('i', { style: `background:${PALETTE[i]}` }), names[k])),
      el('span', el('i', { style: `background:${OTHER}` }), 'other'));
  }

  // Points are bucketed into CELL-pixel cells so a hover looks at a few points, not all of them.
  function layout() {
    const ratio = window.devicePixelRatio || 1;
    width = canvas.clientWidth; height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio);
    const pad = 12, sx = (width - 2 * pad) / ((maxX - minX) || 1), sy = (height - 2 * pad) / ((maxY - minY) || 1);
    grid = new Map();
    for (let i = 0; i < n; i++) {
      px[i] = pad + (map.x[i] - minX) * sx;
      py[i] = height - pad - (map.y[i] - minY) * sy;
      const key = Math.floor(px[i] / CELL) * 65536 + Math.floor(py[i] / CELL);
      const cell = grid.get(key);
      if (cell) cell.push(i); else grid.set(key, [i]);
    }
  }

  function draw() {
    const ctx = canvas.getContext('2d');
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const size = n > 20000 ? 2 : n > 2000 ? 3 : 5;
    // The "other" points go first so the coloured groups stay visible on top.
    for (const group of [colours.length - 1, ...PALETTE.keys()]) {
      ctx.fillStyle = group === PALETTE.length ? OTHER : PALETTE[group];
      for (const i of colours[group]) ctx.fillRect(px[i] - size / 2, py[i] - size / 2, size, size);
    }
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    for (const i of pathEnds) { ctx.beginPath(); ctx.arc(px[i], py[i], 6, 0, 2 * Math.PI); ctx.stroke(); }
  }

  function nearest(x, y) {
    let best = -1, bestD = 100;
    const cx = Math.floor(x / CELL), cy = Math.floor(y / CELL);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const i of grid.get((cx + dx) * 65536 + cy + dy) || []) {
        const d = (px[i] - x) ** 2 + (py[i] - y) ** 2;
        if (d < bestD) { bestD = d; best = i; }
      }
    }
    return best;
  }

  const label = i => `${map.artists[map.artist[i]]} – ${map.titles[i]}${map.album[i] >= 0 ? ` (${map.albums[map.album[i]]})` : ''}`
    + (map.genre[i] >= 0 ? ` · ${map.genres[map.genre[i]]}` : '');
  const track = i => ({ id: map.ids[i], artist: map.artists[map.artist[i]], title: map.titles[i] });
  const at = e => { const r = canvas.getBoundingClientRect(); return nearest(e.clientX - r.left, e.clientY - r.top); };

  canvas.addEventListener('mousemove', e => {
    const i = at(e);
    if (i < 0) { tip.hidden = true; return; }
    tip.textContent = label(i);
    tip.style.left = `${Math.min(px[i] + 10, width - 220)}px`;
    tip.style.top = `${py[i] + 10}px`;
    tip.hidden = false;
  });
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });
  canvas.addEventListener('click', async e => {
    const i = at(e);
    if (i < 0) return;
    if (clickMode.value === 'seed') {
      addSeed(track(i));
      picked.replaceChildren(`Seed added: ${label(i)}. `, el('a', { href: '#/build' }, 'Build from the seeds'));
      return;
    }
    pathEnds.push(i);
    if (pathEnds.length > 2) pathEnds.splice(0, pathEnds.length - 1);
    draw();
    if (pathEnds.length < 2) { picked.textContent = `Path from ${label(i)}: now pick where it ends.`; return; }
    picked.textContent = `Path from ${label(pathEnds[0])} to ${label(pathEnds[1])}…`;
    const playlist = await guard(() => post('/api/playlists/path', { from: map.ids[pathEnds[0]], to: map.ids[pathEnds[1]] }));
    if (playlist) result.replaceChildren(playlistView(playlist));
  });
  colourBy.addEventListener('change', () => { colour(); draw(); });
  const resize = () => { layout(); draw(); };
  window.addEventListener('resize', resize);
  cleanup = () => window.removeEventListener('resize', resize);

  colour();
  layout();
  draw();
  canvas.dataset.points = String(n);
  canvas.dataset.drawMs = String(Math.round(performance.now() - started));
}
