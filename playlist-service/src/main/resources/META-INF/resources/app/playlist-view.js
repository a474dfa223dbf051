import { get, post, patch, del, download, optional } from './api.js';
import { el, fill, guard, duration, scoreBar, showError } from './ui.js';

let targets;

// Push targets come from the players feature (GET /api/targets); without it the push controls stay hidden.
async function pushTargets() {
  if (targets === undefined) {
    const answer = await optional('/api/targets').catch(() => null);
    const list = Array.isArray(answer) ? answer : (answer && (answer.items || answer.targets)) || [];
    targets = list.map(t => (typeof t === 'string' ? t : t.name)).filter(Boolean);
  }
  return targets;
}

const fileName = p => `${(p.name || 'playlist').replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'playlist'}.m3u8`;

/** A stored playlist with its scores, reasons and every action on it; onChange gets the new view. */
export function playlistView(p, { onDelete } = {}) {
  const box = el('section', { id: 'playlist', 'data-playlist-id': String(p.id), 'aria-labelledby': 'pl-name' });
  render(p);
  return box;

  function render(view) {
    p = view;
    const nameInput = el('input', { type: 'text', id: 'pl-rename', value: p.name, 'aria-label': 'Playlist name' });
    const pushBox = el('span', { id: 'push', hidden: true });
    pushTargets().then(list => {
      if (!list.length) return;
      const select = el('select', { id: 'push-target', 'aria-label': 'Push target' }, list.map(n => el('option', { value: n }, n)));
      const status = el('span.muted', { 'aria-live': 'polite' });
      pushBox.replaceChildren(select, el('button', { onclick: () => guard(async () => {
        const answer = await post(`/api/playlists/${p.id}/push`, { target: select.value });
        const matched = answer && (answer.matched ?? (answer.matchedTracks && answer.matchedTracks.length));
        status.textContent = matched !== undefined && matched !== null ? `pushed, ${matched} tracks matched` : 'pushed';
      }) }, 'Push'), status);
      pushBox.hidden = false;
    });
    fill(box,
      el('h2', { id: 'pl-name' }, p.name),
      el('p.muted', `${p.trackCount} tracks · ${duration(p.durationSeconds)}${p.genreOnly ? ' · built from genres only' : ''}`),
      p.notes && p.notes.length ? el('ul.reasons', p.notes.map(n => el('li', n))) : null,
      el('div.row',
        nameInput, el('button', { onclick: () => guard(async () => render(await patch(`/api/playlists/${p.id}`, { name: nameInput.value }))) }, 'Rename'),
        el('button', { id: 'export-m3u', onclick: () => guard(() => download(`/api/playlists/${p.id}.m3u8`, fileName(p))) }, 'Export M3U'),
        pushBox,
        onDelete ? el('button', { onclick: () => guard(async () => {
          if (!confirm(`Delete “${p.name}”?`)) return;
          await del(`/api/playlists/${p.id}`);
          onDelete();
        }) }, 'Delete') : null),
      el('table', { id: 'playlist-tracks' },
        el('thead', el('tr', el('th', '#'), el('th', 'Track'), el('th', 'Scores'), el('th', 'Move'))),
        el('tbody', p.tracks.map((t, i) => el('tr', { 'data-track-id': String(t.trackId) },
          el('td', String(i + 1)),
          el('td', el('a', { href: `#/track/${t.trackId}` }, t.title ?? 'Untitled'), t.seed ? el('strong', ' (seed)') : null,
            el('br'), el('span.muted', `${t.artist ?? ''}${t.album ? ` · ${t.album}` : ''} · ${duration(t.durationSeconds)}`),
            t.reasons && t.reasons.length ? el('ul.reasons', t.reasons.map(r => el('li', r))) : null),
          el('td', el('div', 'sonic ', scoreBar('sonic', t.sonicMissing ? null : t.scores.sonic)),
            el('div', 'genre ', scoreBar('genre', t.scores.genre)),
            el('div', 'transition ', scoreBar('transition', t.scores.transition))),
          el('td', el('div.row',
            el('button', { 'aria-label': `Move ${t.title} up`, disabled: i === 0, onclick: () => reorder(i, -1) }, '↑'),
            el('button', { 'aria-label': `Move ${t.title} down`, disabled: i === p.tracks.length - 1, onclick: () => reorder(i, 1) }, '↓'),
            el('button', { 'aria-label': `Remove ${t.title}`, disabled: p.tracks.length === 1, onclick: () => remove(i) }, '✕'))))))));
  }

  async function order(ids, focusId, direction) {
    const view = await guard(() => post(`/api/playlists/${p.id}/order`, { trackIds: ids }));
    if (!view) return;
    render(view);
    const row = focusId && box.querySelector(`tr[data-track-id="${focusId}"] button[aria-label^="Move ${direction}"]`);
    if (row && !row.disabled) row.focus();
  }

  function reorder(i, delta) {
    const ids = p.tracks.map(t => t.trackId);
    [ids[i], ids[i + delta]] = [ids[i + delta], ids[i]];
    return order(ids, ids[i + delta], delta < 0 ? 'up' : 'down');
  }

  function remove(i) {
    return order(p.tracks.filter((_, j) => j !== i).map(t => t.trackId));
  }
}

export async function openPlaylist(id) {
  try {
    return await get(`/api/playlists/${id}`);
  } catch (e) {
    showError(e);
    return null;
  }
}
