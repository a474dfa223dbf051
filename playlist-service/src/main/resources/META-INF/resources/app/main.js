import { showError } from './ui.js';
import * as home from './home.js';
import * as library from './library.js';
import * as build from './build.js';
import * as map from './map.js';
import * as playlists from './playlists.js';

// #/page/arg: hash routes need no server-side fallback behind a reverse proxy.
const routes = { home, library, album: library, artist: library, track: library, build, map, playlists, playlist: playlists };
let current = null;

async function route() {
  const [, name = 'home', ...args] = (location.hash || '#/home').split('/');
  const page = routes[name] || home;
  if (current && current.leave) current.leave();
  current = page;
  showError(null);
  const main = document.getElementById('main');
  main.replaceChildren();
  for (const a of document.querySelectorAll('header nav a')) {
    const target = a.getAttribute('href').slice(2);
    const active = target === name || (page === library && target === 'library') || (page === playlists && target === 'playlists');
    if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  try {
    await page.show(main, name, args.map(decodeURIComponent));
  } catch (e) {
    showError(e);
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', e => { showError(e.reason); e.preventDefault(); });
route();
