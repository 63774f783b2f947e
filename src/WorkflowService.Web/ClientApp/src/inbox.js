// Inbox: the task list follows SignalR "taskChanged" events by re-fetching its HTML from the
// page (?handler=List with the current filters), so which tasks the user may see is decided on
// the server only; the event itself is just a nudge.
import { debounce } from './lib/live.js';

const form = document.getElementById('inbox-filters');
const list = document.getElementById('inbox-list');

if (form && list) {
  // "Due today" ends at the user's midnight, not the server's: send the browser's time zone.
  const tz = form.querySelector('input[name="tz"]');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
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
  setInterval(schedule, 60_000);
  if (zoneWasMissing && form.querySelector('input[name="dueToday"]').checked) schedule();
}
