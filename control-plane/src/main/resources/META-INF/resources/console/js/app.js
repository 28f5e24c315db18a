import {el, fill, notice} from './dom.js';
import {getJson, postJson} from './api.js';
import identities from './pages/identities.js';
import identity from './pages/identity.js';
import approvals from './pages/approvals.js';
import audit from './pages/audit.js';
import reviews from './pages/reviews.js';
import review from './pages/review.js';

// Every page is one module: {route, title, inNav, forbidden(session) → reason or null, render(main, params, session)}.
// A new page is one more module in this list.
const PAGES = [identities, identity, approvals, reviews, review, audit];

const main = document.getElementById('main');
let session;

function findPage(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const matches = page => page.route.length === parts.length
      && page.route.every((part, index) => part.startsWith(':') || part === parts[index]);
  const page = PAGES.find(matches) ?? identities;
  const params = {};
  if (matches(page)) page.route.forEach((part, index) => { if (part.startsWith(':')) params[part.substring(1)] = parts[index]; });
  return {page, params};
}

function renderNav(current) {
  fill(document.getElementById('nav'), PAGES.filter(page => page.inNav).map(page =>
      el('li', {}, el('a', {href: '#/' + page.route.join('/'), 'aria-current': page === current ? 'page' : null}, page.title))));
}

async function show() {
  const {page, params} = findPage(location.hash);
  renderNav(page);
  document.title = `${page.title} – Gatehouse console`;
  const reason = page.forbidden(session);
  if (reason) {
    fill(main, el('h1', {}, page.title), notice(reason));
    return;
  }
  fill(main, el('p', {}, 'Loading…'));
  try {
    await page.render(main, params, session);
  } catch (error) {
    fill(main, el('h1', {}, page.title), notice(error.message, true), signInAgain(error));
  }
}

/** After a session ended, a reload goes through the issuer's sign-in and back to the same page. */
function signInAgain(error) {
  return error.sessionEnded ? el('button', {type: 'button', onclick: () => location.reload()}, 'Sign in again') : null;
}

async function start() {
  document.getElementById('logout').addEventListener('click', async () => {
    await postJson('/console/api/session/logout');
    location.assign('/console/signed-out.html');
  });
  try {
    session = (await getJson('/console/api/session')).data;
  } catch (error) {
    fill(main, notice(error.message, true), signInAgain(error));
    return;
  }
  document.getElementById('who').textContent = `Signed in as ${session.user}`
      + (session.roles.length ? ` (${session.roles.join(', ')})` : '');
  window.addEventListener('hashchange', show);
  await show();
}

start();
