import { showError } from './ui.js';

// #/page/arg: hash routes need no server-side fallback behind a reverse proxy. A page's module is fetched
// when the page is first opened, so the first visit loads Home's few files, not every page's.
const modules = {
  home: () => import('./home.js'),
  library: () => import('./library.js'),
  build: () => import('./build.js'),
  map: () => import('./map.js'),
  playlists: () => import('./playlists.js'),
};
const routes = { home: 'home', library: 'library', album: 'library', artist: 'library', track: 'library', build: 'build', map: 'map',
  playlists: 'playlists', playlist: 'playlists' };
let current = null;
let navigation = 0;

async function route() {
  const mine = ++navigation;
  const [, name = 'home', ...args] = (location.hash || '#/home').split('/');
  const key = routes[name] || 'home';
  if (current && current.leave) current.leave();
  current = null;
  showError(null);
  const main = document.getElementById('main');
  main.replaceChildren();
  for (const a of document.querySelectorAll('header nav a')) {
    if (a.getAttribute('href').slice(2) === key) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  try {
    const page = await modules[key]();
    // a newer navigation while the module loaded owns the page now
    if (mine !== navigation) return;
    current = page;
    await page.show(main, name, args.map(decodeURIComponent));
  } catch (e) {
    if (mine === navigation) showError(e);
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('unhandledrejection', e => { showError(e.reason); e.preventDefault(); });
route();
