import { get, post } from './api.js';
import { el, debounce, fill, guard, trackLabel } from './ui.js';
import { seeds, setSeeds, addSeed } from './seeds.js';
import { playlistView } from './playlist-view.js';

const field = (label, input) => el('label', label, input);
const number = (id, attrs = {}) => el('input', { type: 'number', id, inputmode: 'numeric', ...attrs });
const value = id => {
  const v = document.getElementById(id).value;
  return v === '' ? undefined : Number(v);
};

export async function show(main) {
  const seedList = el('div.seeds', { id: 'seed-list', 'aria-live': 'polite' });
  const query = el('input', { type: 'search', id: 'seed-q', autocomplete: 'off', placeholder: 'search a track to add as seed' });
  const suggestions = el('ul.plain', { id: 'seed-suggestions' });
  const result = el('div', { id: 'result' });

  function renderSeeds() {
    const list = seeds();
    fill(seedList, list.length ? list.map(s => el('span', s.label,
      el('button', { 'aria-label': `Remove seed ${s.label}`, onclick: () => { setSeeds(seeds().filter(x => x.id !== s.id)); renderSeeds(); } }, '✕')))
      : el('span.muted', 'No seeds yet: search below, or pick points on the Map.'));
  }

  query.addEventListener('input', debounce(async () => {
    const q = query.value.trim();
    if (!q) { suggestions.replaceChildren(); return; }
    const page = await guard(() => get(`/api/tracks?q=${encodeURIComponent(q)}&size=8`));
    if (!page) return;
    suggestions.replaceChildren(...page.items.map(t => el('li', el('button', { 'data-track-id': String(t.id), onclick: () => {
      addSeed(t); renderSeeds(); suggestions.replaceChildren(); query.value = ''; query.focus();
    } }, `+ ${trackLabel(t)}`), el('span.muted', ` ${t.album ?? ''}`))));
  }, 120));

  const sonic = el('input', { type: 'range', id: 'w-sonic', min: '0', max: '1', step: '0.05', value: '0.6' });
  const genre = el('input', { type: 'range', id: 'w-genre', min: '0', max: '1', step: '0.05', value: '0.4' });
  const sonicOut = el('output', { for: 'w-sonic' }, '0.60');
  const genreOut = el('output', { for: 'w-genre' }, '0.40');
  sonic.addEventListener('input', () => { sonicOut.textContent = Number(sonic.value).toFixed(2); });
  genre.addEventListener('input', () => { genreOut.textContent = Number(genre.value).toFixed(2); });
  const mode = el('select', { id: 'length-mode' }, el('option', { value: 'size' }, 'tracks'), el('option', { value: 'minutes' }, 'minutes'));

  const form = el('form', { id: 'build-form', onsubmit: e => { e.preventDefault(); build(); } },
    el('h2', 'Seeds'), seedList,
    el('label', { for: 'seed-q' }, 'Add a seed'), el('div.row', query), suggestions,
    el('h2', 'Shape'),
    el('div.form',
      field('Length', el('div.row', number('length', { value: '25', min: '1', max: '1440', 'aria-label': 'Length' }), mode)),
      field(el('span', 'Sonic weight ', sonicOut), sonic),
      field(el('span', 'Genre weight ', genreOut), genre),
      field('Ordering', el('select', { id: 'ordering' }, el('option', { value: 'transition' }, 'smooth transitions'),
        el('option', { value: 'score' }, 'best match first'))),
      field('Most tracks per artist', number('maxPerArtist', { min: '1', placeholder: '4' })),
      field('Tracks between one artist', number('artistGap', { min: '0', max: '50', placeholder: '1' })),
      field('Tracks between one album', number('albumGap', { min: '0', max: '50', placeholder: '0' })),
      field('Shortest track (s)', number('minTrackSeconds', { min: '0' })),
      field('Longest track (s)', number('maxTrackSeconds', { min: '1' })),
      field('Tempo window (± BPM)', number('bpmWindow', { min: '1', step: 'any' })),
      field('Name', el('input', { type: 'text', id: 'pl-name-input', maxlength: '200', placeholder: 'Mix from …' }))),
    el('div.row', el('button.primary', { type: 'submit', id: 'build' }, 'Build playlist'),
      el('button', { type: 'button', id: 'build-path', onclick: path }, 'Path from first to last seed')));

  main.append(el('h1', 'Build'), form, result);
  renderSeeds();

  function common() {
    return {
      weights: { sonic: Number(sonic.value), genre: Number(genre.value) },
      maxPerArtist: value('maxPerArtist'), artistGap: value('artistGap'),
      name: document.getElementById('pl-name-input').value.trim() || undefined,
    };
  }

  function present(playlist) {
    if (!playlist) return;
    result.replaceChildren(playlistView(playlist));
    result.querySelector('h2').setAttribute('tabindex', '-1');
    result.querySelector('h2').focus();
  }

  async function build() {
    const list = seeds();
    if (!list.length) { query.focus(); return; }
    const length = value('length');
    const body = {
      ...common(), seeds: list.map(s => s.id), ordering: document.getElementById('ordering').value,
      albumGap: value('albumGap'), minTrackSeconds: value('minTrackSeconds'), maxTrackSeconds: value('maxTrackSeconds'),
      bpmWindow: value('bpmWindow'),
    };
    if (mode.value === 'size') body.size = length; else body.targetMinutes = length;
    present(await guard(() => post('/api/playlists', body)));
  }

  async function path() {
    const list = seeds();
    if (list.length < 2) { query.focus(); return; }
    const size = mode.value === 'size' ? value('length') : undefined;
    present(await guard(() => post('/api/playlists/path', {
      ...common(), from: list[0].id, to: list[list.length - 1].id, size: size === undefined ? undefined : Math.max(3, Math.min(200, size)),
    })));
  }
}
