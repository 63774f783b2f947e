// The ringing banner: every on-duty agent sees a call the moment it rings; the first to press
// Answer gets it and goes on to log it, the others see who took it. The server renders the calls
// already ringing with the page; SignalR (app.js) brings the rest. While a call rings, the page's
// clock counts its rings and down to the three-rings deadline.
import './styles/hotline.css';
import { afterCallTaken } from './lib/live.js';
import { countdown, onTick, ringState } from './lib/sla-clock.js';
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
  element.dataset.since = call.since || '';
  element.dataset.due = call.dueAt || '';
  element.dataset.ringSeconds = call.ringSeconds ?? '';
  banner.append(element);
  wire(element);
  count(element, Date.now());
}

/** The ring count and the time left to the three-rings deadline, or that it has passed. */
function count(element, now) {
  const label = element.querySelector('.ringing-count');
  const since = Date.parse(element.dataset.since);
  const ringSeconds = Number(element.dataset.ringSeconds);
  if (!label || element.dataset.state !== 'ringing' || !Number.isFinite(since) || !(ringSeconds > 0)) {
    if (label && element.dataset.state !== 'ringing') label.textContent = '';
    return;
  }
  const state = ringState(since, ringSeconds, Date.parse(element.dataset.due), now);
  element.dataset.ring = String(state.ring);
  element.dataset.rulePassed = String(state.passed);
  label.textContent = state.passed
    ? fill(texts.ringsPassed || 'Ring {0}', [state.ring])
    : fill(texts.ring || 'Ring {0} · {1}', [state.ring, countdown(state.leftMs)]);
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
  onTick(now => banner.querySelectorAll('.ringing-call').forEach(e => count(e, now)));
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
