import { get } from './api.js';
import { el, debounce, duration, fill, num, showError, trackLabel } from './ui.js';
import { addSeed } from './seeds.js';

let genres = null;

export async function show(main, name, args) {
  if (name === 'album') return album(main, args[0]);
  if (name === 'artist') return artist(main, args[0]);
  if (name === 'track') return track(main, args[0]);
  if (args[0] === 'genre') return genre(main, args[1]);
  return search(main, args[0] || '');
}

export function trackTable(tracks, extra) {
  if (!tracks.length) return el('p.muted', 'No tracks.');
  return el('table', el('thead', el('tr', el('th', 'Track'), el('th.opt', 'Album'), el('th', 'Length'), el('th', ''))),
    el('tbody', tracks.map(t => el('tr',
      el('td', el('a', { href: `#/track/${t.id}` }, t.title ?? 'Untitled'), el('br'),
        t.artistId ? el('a.muted', { href: `#/artist/${t.artistId}` }, t.artist) : el('span.muted', t.artist ?? '')),
      el('td.opt', t.albumId ? el('a', { href: `#/album/${t.albumId}` }, t.album) : (t.album ?? '')),
      el('td', duration(t.durationMs / 1000)),
      el('td', el('button', { 'aria-label': `Use ${trackLabel(t)} as seed`, onclick: e => {
        addSeed(t);
        e.target.textContent = 'Seed added';
      } }, 'Seed'), extra ? extra(t) : null)))));
}

async function search(main, initial) {
  const input = el('input', { type: 'search', id: 'q', value: initial, placeholder: 'artist, album, title or genre',
    autocomplete: 'off' });
  const results = el('div', { id: 'results', 'aria-live': 'polite' });
  main.append(el('h1', 'Library'), el('label', { for: 'q' }, 'Search'), el('div.row', input), results);
  // the genres are matched in the browser: read once as the page opens, not on the first word typed
  const genresRead = genres ? Promise.resolve(genres) : get('/api/genres?used=true').then(g => (genres = g)).catch(() => []);
  let pending = null;
  const run = debounce(async () => {
    const q = input.value.trim();
    history.replaceState(null, '', `#/library/${encodeURIComponent(q)}`);
    // typing outruns the answers: the browser drops the requests of the words before (the gateway still finishes them)
    if (pending) pending.abort();
    const mine = pending = new AbortController();
    if (!q) { results.replaceChildren(el('p.muted', 'Type to search.')); return; }
    const started = performance.now();
    const enc = encodeURIComponent(q);
    const options = { signal: mine.signal };
    let found;
    try {
      showError(null);
      found = await Promise.all([
        get(`/api/tracks?q=${enc}&size=25`, options), get(`/api/artists?q=${enc}&size=8`, options),
        get(`/api/albums?q=${enc}&size=8`, options),
        genresRead]);
    } catch (e) {
      if (!mine.signal.aborted) showError(e);
      return;
    }
    if (mine !== pending) return;
    const [tracks, artists, albums, allGenres] = found;
    const lower = q.toLowerCase();
    const genreHits = (Array.isArray(allGenres) ? allGenres : []).filter(g => g.name.toLowerCase().includes(lower)).slice(0, 8);
    results.dataset.ms = String(Math.round(performance.now() - started));
    // what the results answer: a test must not click into a page about to be replaced
    results.dataset.q = q;
    // a search counts its tracks up to 1,000 (totalExact false past that)
    const count = tracks.totalExact === false ? `${num(tracks.total)}+` : num(tracks.total);
    fill(results,
      artists.items.length ? el('section', el('h2', 'Artists'), el('ul.plain', artists.items.map(a =>
        el('li', el('a', { href: `#/artist/${a.id}` }, a.name), el('span.muted', ` ${num(a.albumCount)} albums, ${num(a.trackCount)} tracks`))))) : null,
      albums.items.length ? el('section', el('h2', 'Albums'), el('ul.plain', albums.items.map(a =>
        el('li', el('a', { href: `#/album/${a.id}` }, a.title), el('span.muted', ` ${a.albumArtist ?? ''}${a.year ? `, ${a.year}` : ''}`))))) : null,
      genreHits.length ? el('section', el('h2', 'Genres'), el('ul.plain', genreHits.map(g =>
        el('li', el('a', { href: `#/library/genre/${encodeURIComponent(g.name)}` }, g.name), el('span.muted', ` ${num(g.tracks)} tracks`))))) : null,
      el('section', el('h2', `Tracks (${count})`), el('div', { id: 'track-results' }, trackTable(tracks.items))));
  }, 120);
  input.addEventListener('input', run);
  input.focus();
  run();
}

async function genre(main, name) {
  const tracks = await get(`/api/tracks?genre=${encodeURIComponent(name)}&size=100`);
  main.append(el('h1', `Genre: ${name}`), el('p.muted', `${num(tracks.total)} tracks`), trackTable(tracks.items));
}

function genreList(entity) {
  if (!entity || !entity.genres || !entity.genres.length) return el('p.muted', 'No genres known yet.');
  return el('div',
    entity.inheritedFrom ? el('p.muted', `Inherited from the ${entity.inheritedFrom}.`) : null,
    el('table', el('thead', el('tr', el('th', 'Genre'), el('th', 'Weight'), el('th', 'Sources'))),
      el('tbody', entity.genres.map(g => el('tr',
        el('td', g.genre, g.parent ? el('span.muted', ` (${g.parent})`) : null),
        el('td', g.weight.toFixed(2)),
        el('td', (g.sources || []).map(s => `${s.source} ${s.weight.toFixed(2)}`).join(', ')))))));
}

async function album(main, id) {
  const [tracks, genresOf] = await Promise.all([get(`/api/tracks?album=${id}&size=200`),
    get(`/api/albums/${id}/genres`).catch(() => null)]);
  const first = tracks.items[0] || {};
  main.append(el('h1', first.album ?? `Album ${id}`),
    first.artistId ? el('p', el('a', { href: `#/artist/${first.artistId}` }, first.albumArtist || first.artist)) : null,
    el('h2', 'Tracks'), trackTable(tracks.items), el('h2', 'Genres'), genreList(genresOf));
}

async function artist(main, id) {
  const [albums, tracks, genresOf] = await Promise.all([
    get(`/api/albums?artist=${id}&size=100`), get(`/api/tracks?artist=${id}&size=200`),
    get(`/api/artists/${id}/genres`).catch(() => null)]);
  const name = tracks.items.length ? (tracks.items.find(t => String(t.artistId) === id) || tracks.items[0]).artist : `Artist ${id}`;
  main.append(el('h1', name),
    el('h2', 'Albums'), albums.items.length ? el('ul.plain', albums.items.map(a => el('li',
      el('a', { href: `#/album/${a.id}` }, a.title), el('span.muted', `${a.year ? ` ${a.year}` : ''}, ${num(a.trackCount)} tracks`)))) : el('p.muted', 'No albums.'),
    el('h2', 'Genres'), genreList(genresOf), el('h2', 'Tracks'), trackTable(tracks.items));
}

// Units follow the feature names of the sonic layout (docs/sonic.md).
function unit(feature) {
  if (feature.endsWith('_db')) return 'dB';
  if (feature.endsWith('_hz')) return 'Hz';
  if (feature === 'tempo_bpm') return 'BPM';
  if (feature === 'onset_rate') return 'onsets/s';
  if (feature.startsWith('chroma_')) return 'share';
  if (feature.startsWith('mfcc_')) return 'coef.';
  return '';
}

function sonicChart(sonic) {
  const segments = sonic.segments || [];
  if (!segments.length) return el('p.muted', sonic.error || `No analysis yet (${sonic.status}).`);
  const names = Object.keys(segments[0].features || {});
  const colours = ['#1f6feb', '#8250df', '#bf8700', '#57606a'];
  const rows = names.map(name => {
    const values = segments.map(s => s.features[name]);
    const max = Math.max(...values.map(v => Math.abs(v))) || 1;
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', String(segments.length * 40)); svg.setAttribute('height', '18'); svg.setAttribute('class', 'features');
    svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', `${name} per segment`);
    values.forEach((v, i) => {
      const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      const w = Math.max(1, Math.abs(v) / max * 36);
      r.setAttribute('x', String(i * 40)); r.setAttribute('y', '3'); r.setAttribute('height', '12');
      r.setAttribute('width', w.toFixed(1)); r.setAttribute('fill', colours[i % colours.length]);
      svg.append(r);
    });
    return el('tr', el('td', name), el('td', unit(name)), values.map(v => el('td', Number(v).toFixed(Math.abs(v) >= 100 ? 0 : 3))),
      el('td.opt', svg));
  });
  return el('div',
    el('p', segments.map(s => `${s.segment}: ${s.key ?? 'key unknown'}, ${s.tempoBpm ? `${s.tempoBpm.toFixed(1)} BPM` : 'tempo unknown'}`
      + ` (${duration(s.startMs / 1000)}–${duration((s.startMs + s.lengthMs) / 1000)})`).join(' · ')),
    el('table', { id: 'sonic-features' }, el('thead', el('tr', el('th', 'Feature'), el('th', 'Unit'),
      segments.map((s, i) => el('th', { style: `color:${colours[i % colours.length]}` }, s.segment)), el('th.opt', 'Drawn'))),
      el('tbody', rows)));
}

async function track(main, id) {
  const [t, genresOf, sonic] = await Promise.all([get(`/api/tracks/${id}`),
    get(`/api/tracks/${id}/genres`).catch(e => ({ error: e.message })),
    get(`/api/tracks/${id}/sonic`).catch(e => ({ status: 'unavailable', error: e.message }))]);
  main.append(el('h1', t.title ?? 'Untitled'),
    el('p', el('a', { href: `#/artist/${t.artistId}` }, t.artist), t.albumId ? [' · ', el('a', { href: `#/album/${t.albumId}` }, t.album)] : null,
      el('span.muted', ` · ${duration(t.durationMs / 1000)} · ${t.format ?? ''} ${t.bitrateKbps ? `${t.bitrateKbps} kbps` : ''}`)),
    el('p.muted', t.filePath),
    el('div.row', el('button.primary', { onclick: e => { addSeed(t); e.target.textContent = 'Seed added'; } }, 'Use as seed'),
      el('a', { href: '#/build' }, 'Go to Build')),
    el('h2', 'Genres'), genresOf.error ? el('p.bad', genresOf.error) : genreList(genresOf),
    el('h2', 'Sound'), sonicChart(sonic));
}
