// Inbox: the task list follows SignalR "taskChanged" events by re-fetching its HTML from the
// page (?handler=List with the current filters), so which tasks the user may see is decided on
// the server only; the event itself is just a nudge. The SLA badges follow the page's clock: they
// count down and turn due soon, then overdue, as the time passes, with no request to the server.
import { debounce } from './lib/live.js';
import { countdown, onTick, slaState } from './lib/sla-clock.js';

const form = document.getElementById('inbox-filters');
const list = document.getElementById('inbox-list');

const badgeTexts = { 'on-time': 'onTime', 'due-soon': 'dueSoon', overdue: 'overdue' };

/** One badge at `now`: its state (class, data-sla, text; the row's data-sla too) and, while due soon, the time left. */
function tickBadge(clock, now) {
  const badge = clock.querySelector('.sla-badge');
  const due = Date.parse(clock.dataset.due);
  const state = slaState(Date.parse(clock.dataset.created), due, now);
  if (badge && state !== 'none' && badge.dataset.sla !== state) {
    badge.classList.remove(`sla-${badge.dataset.sla}`);
    badge.classList.add(`sla-${state}`);
    badge.dataset.sla = state;
    badge.textContent = clock.dataset[badgeTexts[state]] || state;
    const row = clock.closest('tr[data-sla]');
    if (row) row.dataset.sla = state;
  }
  const left = clock.querySelector('.sla-left');
  if (left) left.textContent = state === 'due-soon' ? countdown(due - now) : '';
}

if (form && list) {
  // "Due today" ends at midnight of the department's day (App:TimeZone, as every time on the page is shown),
  // not the server's: send that zone (the browser's only when the page names none).
  const tz = form.querySelector('input[name="tz"]');
  const zone = document.querySelector('meta[name="time-zone"]')?.content
    || Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  const zoneWasMissing = tz.value !== zone;
  tz.value = zone;

  form.addEventListener('change', () => form.requestSubmit());

  const refresh = async () => {
    const params = new URLSearchParams(new FormData(form));
    params.set('handler', 'List');
    const response = await fetch(`/inbox?${params}`, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    // Signed out meanwhile (a redirect to /login) or a server error: a full reload shows the real state.
    if (response.redirected || !response.ok) {
      window.location.reload();
      return;
    }
    list.innerHTML = await response.text();
    window.ws.localizeTimes(list);
    list.dataset.refreshed = String(Date.now());
  };
  // Several events arrive together when a step closes one task and opens the next: fetch once.
  const schedule = debounce(() => refresh().catch(err => console.warn('inbox refresh failed', err)), 150);

  window.ws.on('taskChanged', schedule);
  // SLA badges move with the clock even when no task changes.
  onTick(now => list.querySelectorAll('.sla-clock[data-due]').forEach(clock => tickBadge(clock, now)));
  if (zoneWasMissing && form.querySelector('input[name="dueToday"]').checked) schedule();
}
