import { get, post } from './api.js';
import { el, guard, num, pct } from './ui.js';
import { addSeed } from './seeds.js';
import { playlistView } from './playlist-view.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#393b79'];
const OTHER = '#b8bcc2';
const GREY = PALETTE.length;
const CELL = 8;
const KEYS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
let cleanup = null;

export function leave() {
  if (cleanup) cleanup();
  cleanup = null;
}

/**
 * Reads GET /api/map/binary (layout in MapBinary.java): the header is JSON, the per-point numbers are typed
 * arrays laid over the answer's bytes, so 33,636 points cost no parsing. The arrays are little-endian, as
 * typed arrays are on every platform browsers run on.
 */
export function decode(buffer) {
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== 'SGM1') throw new Error(`The map answer is not a Segue map (it starts with "${magic}").`);
  const length = new DataView(buffer).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, length)));
  const n = header.count;
  let offset = Math.ceil((8 + length) / 8) * 8;
  const take = Type => {
    const column = new Type(buffer, offset, n);
    offset += n * Type.BYTES_PER_ELEMENT;
    return column;
  };
  return { ...header, ids: take(Float64Array), x: take(Float32Array), y: take(Float32Array),
    artist: take(Int32Array), album: take(Int32Array), genre: take(Int32Array) };
}

/** A CSS colour as the 32-bit pixel value of this platform's ImageData. */
function pixel(hex) {
  const bytes = new Uint8ClampedArray([parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), 255]);
  return new Uint32Array(bytes.buffer)[0];
}

export async function show(main) {
  const started = performance.now();
  const map = decode(await (await get('/api/map/binary', { raw: true, accept: 'application/octet-stream' })).arrayBuffer());
  const help = el('p.muted', { id: 'map-help' }, 'Hover a point for its track and click it; from the keyboard, Tab to the map, ',
    'move between tracks with the arrow keys (each goes to the nearest track that way) and press Enter.');
  const canvas = el('canvas', { id: 'map-canvas', tabindex: '0', role: 'application', 'aria-roledescription': 'sonic map',
    'aria-label': `Sonic map of ${map.count} tracks`, 'aria-describedby': 'map-help' });
  const tip = el('div', { id: 'map-tip', hidden: true });
  const colourBy = el('select', { id: 'colour-by' }, el('option', { value: 'genre' }, 'genre'), el('option', { value: 'album' }, 'album'));
  // empty: the service's default length; a small library may hold fewer tracks than that
  const pathSize = el('input', { id: 'path-size', type: 'number', min: '3', max: '200', placeholder: 'default', inputmode: 'numeric' });
  const clickMode = el('select', { id: 'click-mode' }, el('option', { value: 'seed' }, 'adds a seed'),
    el('option', { value: 'path' }, 'picks the ends of a path'));
  const legend = el('div.legend', { id: 'legend' });
  const current = el('p', { id: 'map-current', 'aria-live': 'polite' });
  const picked = el('p', { id: 'picked', 'aria-live': 'polite' });
  const result = el('div', { id: 'map-result' });
  const axes = map.axes || [];
  const axisText = (a, dir) => a ? `${dir}: ${a.name} (${pct(a.explained)} of the variance; low = ${a.low}, high = ${a.high})` : '';
  main.append(el('h1', 'Map'),
    el('p.muted', { id: 'map-count' }, map.count ? `${num(map.count)} analysed tracks, analyzer version ${map.analyzerVersion}.` : 'No analysed tracks yet.'),
    el('div.row', el('label', { for: 'colour-by' }, 'Colour by'), colourBy,
      el('label', { for: 'path-size' }, 'Tracks in a path'), pathSize,
      el('label', { for: 'click-mode' }, 'A click or Enter'), clickMode),
    help, el('div', { id: 'map-wrap' }, canvas, tip), current, legend,
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
  const group = new Uint8Array(n);
  const colours = [...PALETTE, OTHER].map(pixel);
  // points bucketed into CELL-pixel cells (a counting sort), so a hover looks at a few points, not all of them
  let columns = 0, cellStart = new Int32Array(1), cellItems = new Int32Array(n);
  let width = 0, height = 0;
  let focused = -1;
  let pointerFocus = false;
  const pathEnds = [];

  function colour() {
    const by = colourBy.value === 'album' ? map.album : map.genre;
    const names = colourBy.value === 'album' ? map.albums : map.genres;
    const counts = new Map();
    for (let i = 0; i < n; i++) if (by[i] >= 0) counts.set(by[i], (counts.get(by[i]) || 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, PALETTE.length).map(e => e[0]);
    const slot = new Map(top.map((k, i) => [k, i]));
    for (let i = 0; i < n; i++) group[i] = slot.get(by[i]) ?? GREY;
    legend.replaceChildren(...top.map((k, i) => el('span', el('i', { style: `background:${PALETTE[i]}` }), names[k])),
      el('span', el('i', { style: `background:${OTHER}` }), 'other'));
  }

  function layout() {
    const ratio = window.devicePixelRatio || 1;
    width = canvas.clientWidth; height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio);
    const pad = 12, sx = (width - 2 * pad) / ((maxX - minX) || 1), sy = (height - 2 * pad) / ((maxY - minY) || 1);
    columns = Math.floor(width / CELL) + 1;
    const cellOf = new Int32Array(n);
    cellStart = new Int32Array(columns * (Math.floor(height / CELL) + 1) + 1);
    for (let i = 0; i < n; i++) {
      px[i] = pad + (map.x[i] - minX) * sx;
      py[i] = height - pad - (map.y[i] - minY) * sy;
      cellOf[i] = Math.floor(py[i] / CELL) * columns + Math.floor(px[i] / CELL);
      cellStart[cellOf[i] + 1]++;
    }
    for (let c = 1; c < cellStart.length; c++) cellStart[c] += cellStart[c - 1];
    const fillAt = cellStart.slice(0, -1);
    for (let i = 0; i < n; i++) cellItems[fillAt[cellOf[i]]++] = i;
  }

  // Every point is written into one pixel buffer and put on the canvas at once; the grey "other" points
  // first so the coloured groups stay visible on top.
  function draw() {
    const ratio = window.devicePixelRatio || 1;
    const ctx = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height;
    const image = ctx.createImageData(w, h);
    const pixels = new Uint32Array(image.data.buffer);
    const size = Math.max(1, Math.round((n > 20000 ? 2 : n > 2000 ? 3 : 5) * ratio));
    for (const grey of [true, false]) {
      for (let i = 0; i < n; i++) {
        if ((group[i] === GREY) !== grey) continue;
        const value = colours[group[i]];
        const x0 = Math.round(px[i] * ratio - size / 2), y0 = Math.round(py[i] * ratio - size / 2);
        for (let y = Math.max(0, y0); y < Math.min(h, y0 + size); y++) {
          pixels.fill(value, y * w + Math.max(0, x0), y * w + Math.min(w, x0 + size));
        }
      }
    }
    ctx.putImageData(image, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#000';
    for (const i of pathEnds) ring(ctx, i, 6);
    if (focused >= 0) { ctx.strokeStyle = '#1f6feb'; ring(ctx, focused, 9); }
  }

  function ring(ctx, i, radius) {
    ctx.beginPath();
    ctx.arc(px[i], py[i], radius, 0, 2 * Math.PI);
    ctx.stroke();
  }

  function nearest(x, y) {
    let best = -1, bestD = 100;
    const cx = Math.floor(x / CELL), cy = Math.floor(y / CELL);
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      if (cx + dx < 0 || cx + dx >= columns) continue;
      const cell = (cy + dy) * columns + cx + dx;
      if (cell < 0 || cell + 1 >= cellStart.length) continue;
      for (let k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
        const i = cellItems[k];
        const d = (px[i] - x) ** 2 + (py[i] - y) ** 2;
        if (d < bestD) { bestD = d; best = i; }
      }
    }
    return best;
  }

  /** The next track from the focused one in a direction: the closest ahead, favouring those in line with it. */
  function step(dx, dy) {
    let best = -1, bestScore = Infinity;
    const f = focused;
    for (let i = 0; i < n; i++) {
      if (i === f) continue;
      const ex = px[i] - px[f], ey = py[i] - py[f];
      let ahead = ex * dx + ey * dy;
      const aside = Math.abs(ex * dy - ey * dx);
      // tracks drawn on the same spot are reached in their order: forward keys go to the later ones
      if (ahead === 0 && aside === 0) ahead = (i > f) === (dx + dy > 0) ? 1e-3 : -1;
      if (ahead <= 0) continue;
      const score = ahead + 3 * aside;
      if (score < bestScore) { bestScore = score; best = i; }
    }
    return best;
  }

  function closestTo(x, y) {
    let best = 0, bestD = Infinity;
    for (let i = 0; i < n; i++) {
      const d = (px[i] - x) ** 2 + (py[i] - y) ** 2;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  const label = i => `${map.artists[map.artist[i]]} – ${map.titles[i]}${map.album[i] >= 0 ? ` (${map.albums[map.album[i]]})` : ''}`
    + (map.genre[i] >= 0 ? ` · ${map.genres[map.genre[i]]}` : '');
  const track = i => ({ id: map.ids[i], artist: map.artists[map.artist[i]], title: map.titles[i] });
  const at = e => { const r = canvas.getBoundingClientRect(); return nearest(e.clientX - r.left, e.clientY - r.top); };

  function showTip(i) {
    if (i < 0) { tip.hidden = true; return; }
    tip.textContent = label(i);
    tip.style.left = `${Math.max(0, Math.min(px[i] + 10, width - 220))}px`;
    tip.style.top = `${py[i] + 10}px`;
    tip.hidden = false;
  }

  function focusPoint(i) {
    if (i < 0) return;
    focused = i;
    canvas.dataset.focused = String(map.ids[i]);
    current.textContent = `${label(i)}. Enter ${clickMode.value === 'seed' ? 'adds it as a seed' : 'makes it an end of the path'}.`;
    showTip(i);
    draw();
  }

  async function use(i) {
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
    const size = pathSize.value ? Math.max(3, Math.min(200, Math.round(Number(pathSize.value)))) : undefined;
    const playlist = await guard(() => post('/api/playlists/path', { from: map.ids[pathEnds[0]], to: map.ids[pathEnds[1]], size }));
    if (playlist) result.replaceChildren(playlistView(playlist));
  }

  canvas.addEventListener('mousemove', e => showTip(at(e)));
  canvas.addEventListener('mouseleave', () => { if (document.activeElement !== canvas) tip.hidden = true; });
  canvas.addEventListener('click', e => {
    const i = at(e);
    if (i >= 0) use(i);
  });
  // a click focuses the map without scrolling it (a scroll between press and release would move the point off the
  // pointer) and without the keyboard's ring; Tab focuses the track nearest the centre
  canvas.addEventListener('mousedown', e => {
    e.preventDefault();
    pointerFocus = true;
    canvas.focus({ preventScroll: true });
    pointerFocus = false;
  });
  canvas.addEventListener('focus', () => {
    if (!pointerFocus) focusPoint(focused >= 0 ? focused : closestTo(width / 2, height / 2));
  });
  canvas.addEventListener('blur', () => { tip.hidden = true; });
  canvas.addEventListener('keydown', e => {
    if (KEYS[e.key]) {
      e.preventDefault();
      focusPoint(focused < 0 ? closestTo(width / 2, height / 2) : step(...KEYS[e.key]));
    } else if ((e.key === 'Enter' || e.key === ' ') && focused >= 0) {
      e.preventDefault();
      use(focused);
    }
  });
  colourBy.addEventListener('change', () => { colour(); draw(); });
  clickMode.addEventListener('change', () => { pathEnds.length = 0; draw(); });
  const resize = () => { layout(); draw(); };
  window.addEventListener('resize', resize);
  cleanup = () => window.removeEventListener('resize', resize);

  colour();
  layout();
  draw();
  canvas.dataset.points = String(n);
  canvas.dataset.drawMs = String(Math.round(performance.now() - started));
}
