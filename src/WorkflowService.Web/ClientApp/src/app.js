// Shared by every page: live updates over SignalR and local display of dates.
import * as signalR from '@microsoft/signalr';
import { slaWarning } from './lib/live.js';

const handlers = new Map();

/**
 * Subscribes to a server event ("taskChanged", "callRinging", ...), or to "connected": the live
 * connection (re)started, so whatever was sent while it was down is missing from the page.
 */
export function on(event, handler) {
  if (!handlers.has(event)) handlers.set(event, []);
  handlers.get(event).push(handler);
}

function emit(event, payload) {
  (handlers.get(event) || []).forEach(h => h(payload));
}

function connect() {
  if (!document.body.dataset.user) return null;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/workflow')
    .withAutomaticReconnect()
    .build();
  for (const event of ['taskChanged', 'callRinging', 'callTaken', 'instanceChanged']) {
    connection.on(event, payload => emit(event, payload));
  }
  connection.onreconnected(() => emit('connected'));
  connection.start()
    .then(() => { document.body.dataset.live = 'connected'; emit('connected'); })
    .catch(err => console.warn('live updates unavailable', err));
  return connection;
}

/**
 * Renders every <time datetime="..."> in the page's language and the department's time zone
 * (App:TimeZone, the layout's <meta name="time-zone">), not the browser's: a deadline reads the
 * same on a laptop set to another zone as on the desk's screens.
 */
export function localizeTimes(root = document) {
  const lang = document.documentElement.lang || undefined;
  const timeZone = document.querySelector('meta[name="time-zone"]')?.content || undefined;
  const format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  root.querySelectorAll('time[datetime]').forEach(t => {
    const d = new Date(t.getAttribute('datetime'));
    if (!isNaN(d)) { t.textContent = format.format(d); t.title = d.toISOString(); }
  });
}

/** The antiforgery token of the page, for fetch() calls to page handlers. */
export function antiforgery() {
  return document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
}

/**
 * fetch() for a page's scripts. A signed-out script gets 401 rather than the sign-in page (the
 * server redirects only navigation): then go to sign in, and come back here afterwards.
 */
export async function fetchSignedIn(url, options) {
  const response = await fetch(url, options);
  if (response.status === 401) {
    window.location.assign(`/login?ReturnUrl=${encodeURIComponent(location.pathname + location.search)}`);
  }
  return response;
}

/** An SLA warning for one of my tasks (warnAt): a notice at the top of any page, with a link to the task. */
function showSlaWarning(event) {
  const warning = slaWarning(event, document.body.dataset.user, document.documentElement.lang);
  // A person in several of the audience's groups (their own, the task's group) gets the event more than once.
  if (!warning || document.querySelector(`#sla-warnings [data-href="${CSS.escape(warning.href)}"]`)) return;
  let area = document.getElementById('sla-warnings');
  if (!area) {
    area = document.createElement('div');
    area.id = 'sla-warnings';
    area.className = 'position-fixed top-0 end-0 p-3';
    area.style.zIndex = '1080';
    document.body.append(area);
  }
  const notice = document.createElement('div');
  notice.className = 'alert alert-warning alert-dismissible shadow-sm';
  notice.setAttribute('role', 'status');
  notice.dataset.testid = 'sla-warning';
  notice.dataset.href = warning.href;
  const link = document.createElement('a');
  link.href = warning.href;
  link.className = 'alert-link';
  link.textContent = warning.text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn-close';
  close.setAttribute('aria-label', 'Close');
  close.addEventListener('click', () => notice.remove());
  notice.append(link, close);
  area.append(notice);
}

/**
 * The layout's menu button (shown below 992 px): opens and folds the navigation. Bootstrap's CSS does the
 * showing (.collapse.show); its JavaScript is not bundled for one toggle.
 */
function wireMenuButton() {
  document.querySelectorAll('[data-action=menu]').forEach(button => {
    const menu = document.getElementById(button.getAttribute('aria-controls'));
    if (!menu) return;
    button.addEventListener('click', () => button.setAttribute('aria-expanded', String(menu.classList.toggle('show'))));
  });
}

window.ws = { on, localizeTimes, antiforgery, fetch: fetchSignedIn, connection: null };
document.addEventListener('DOMContentLoaded', () => {
  wireMenuButton();
  localizeTimes();
  on('taskChanged', showSlaWarning);
  window.ws.connection = connect();
});
