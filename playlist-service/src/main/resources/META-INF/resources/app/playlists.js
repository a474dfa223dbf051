import { get } from './api.js';
import { el, duration, num } from './ui.js';
import { playlistView } from './playlist-view.js';

export async function show(main, name, args) {
  if (name === 'playlist') {
    const p = await get(`/api/playlists/${args[0]}`);
    main.append(el('p', el('a', { href: '#/playlists' }, '← All playlists')),
      playlistView(p, { onDelete: () => { location.hash = '#/playlists'; } }));
    return;
  }
  const page = await get('/api/playlists?page=0&size=100');
  main.append(el('h1', 'Playlists'), page.items.length
    ? el('table', { id: 'playlists' }, el('thead', el('tr', el('th', 'Name'), el('th', 'Tracks'), el('th', 'Length'), el('th.opt', 'Created'))),
      el('tbody', page.items.map(p => el('tr',
        el('td', el('a', { href: `#/playlist/${p.id}` }, p.name), p.genreOnly ? el('span.muted', ' (genres only)') : null),
        el('td', num(p.trackCount)), el('td', duration(p.durationSeconds)),
        el('td.opt', new Date(p.createdAt).toLocaleString())))))
    : el('p.muted', 'No playlists yet: build one.'),
  // append prints a null as "null"
  page.total > page.items.length ? el('p.muted', `Showing the newest ${page.items.length} of ${num(page.total)}.`) : '');
}
