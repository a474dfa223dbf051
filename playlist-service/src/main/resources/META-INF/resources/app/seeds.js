// The seeds picked on any page (library, map) for the Build page, kept for the browser session.
const KEY = 'segue.seeds';

export function seeds() {
  try { return JSON.parse(sessionStorage.getItem(KEY)) || []; } catch { return []; }
}

export function setSeeds(list) {
  sessionStorage.setItem(KEY, JSON.stringify(list.slice(0, 20)));
}

export function addSeed(track) {
  const list = seeds().filter(s => s.id !== track.id);
  list.push({ id: track.id, label: `${track.artist ?? '?'} – ${track.title ?? '?'}` });
  setSeeds(list);
}
