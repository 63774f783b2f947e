// The ringing banner: every on-duty agent sees a call the moment it rings; the first to press
// Answer gets it and goes on to log it, the others see who took it. The server renders the calls
// already ringing with the page; SignalR (app.js) brings the rest.
import './styles/hotline.css';
import { afterCallTaken } from './lib/live.js';
import { fill } from './lib/text.js';

const banner = document.getElementById('ringing-banner');
const template = document.getElementById('ringing-call-template');
const texts = template ? template.dataset : {};
const me = document.body.dataset.user;
// A taken or missed call stays visible this long, so the agent sees what happened to it.
const lingerMs = 6000;

function callElement(taskId) {
  return banner.querySelector(`.ringing-call[data-task-id="${CSS.escape(taskId)}"]`);
}

function show(call) {
  const existing = callElement(call.taskId);
  if (!template || existing?.dataset.state === 'ringing' || existing?.dataset.state === 'answering') return;
  existing?.remove();
  const element = template.content.firstElementChild.cloneNode(true);
  element.dataset.taskId = call.taskId;
  element.dataset.callId = call.callId;
  element.querySelector('.ringing-from').textContent = call.from || '';
  banner.append(element);
  wire(element);
}

function settle(element, state, text) {
  if (!element || element.dataset.state === state) return;
  element.dataset.state = state;
  element.querySelector('.ringing-status').textContent = text;
  element.querySelector('[data-action=answer]')?.remove();
  setTimeout(() => element.remove(), lingerMs);
}

function taken(element, by) {
  settle(element, 'taken', fill(texts.taken || 'Taken by {0}', [by || texts.someone || '?']));
}

async function answer(element) {
  const button = element.querySelector('[data-action=answer]');
  button.disabled = true;
  element.dataset.state = 'answering';
  element.querySelector('.ringing-status').textContent = texts.answering || '';
  try {
    const response = await window.ws.fetch('/hotline/calls?handler=Answer', {
      method: 'POST',
      headers: { RequestVerificationToken: window.ws.antiforgery(), Accept: 'application/json' },
      body: new URLSearchParams({ taskId: element.dataset.taskId }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      window.location.href = body.next;
    } else if (response.status === 409) {
      body.missed ? settle(element, 'missed', texts.missed) : taken(element, body.takenBy);
    } else {
      throw new Error(body.detail || response.statusText);
    }
  } catch (err) {
    element.dataset.state = 'ringing';
    button.disabled = false;
    element.querySelector('.ringing-status').textContent = fill(texts.failed || '{0}', [err.message]);
  }
}

function wire(element) {
  element.querySelector('[data-action=answer]')?.addEventListener('click', () => answer(element));
}

/** After (re)connecting: the server's list is the truth; calls that rang while offline appear, ended ones go. */
async function refresh() {
  const response = await window.ws.fetch('/hotline/calls', { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const calls = await response.json();
  const ringing = new Set(calls.map(c => c.taskId));
  banner.querySelectorAll('.ringing-call[data-state=ringing]').forEach(e => {
    if (!ringing.has(e.dataset.taskId)) e.remove();
  });
  calls.forEach(show);
}

if (banner && me && window.ws) {
  banner.querySelectorAll('.ringing-call').forEach(wire);
  window.ws.on('callRinging', show);
  window.ws.on('callTaken', event => {
    const element = callElement(event.taskId);
    if (!element) return;
    const outcome = afterCallTaken(element.dataset.state, event, me);
    if (outcome === 'missed') settle(element, 'missed', texts.missed);
    else if (outcome === 'taken') taken(element, event.by);
  });
  window.ws.on('connected', () => refresh().catch(err => console.warn('could not refresh ringing calls', err)));
}
