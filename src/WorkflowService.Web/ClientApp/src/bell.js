// The bell: the unread count in the top bar and, on /notifications, the list. A SignalR "notificationsChanged" nudge
// (sent to this person's own group only, with nothing of the notice in it) or a reconnect reads both again from the
// page's handlers, so which notices anyone sees is decided on the server alone.
import { debounce } from './lib/live.js';

const bell = document.getElementById('notification-bell');

function showCount(unread) {
  const badge = bell.querySelector('[data-testid="bell-count"]');
  badge.dataset.unread = String(unread);
  badge.textContent = unread > 99 ? '99+' : String(unread);
  badge.classList.toggle('d-none', unread === 0);
}

async function refresh() {
  const count = await window.ws.fetch('/notifications?handler=Count', { headers: { Accept: 'application/json' } });
  if (count.ok) showCount((await count.json()).unread);
  const list = document.getElementById('notice-list');
  if (!list) return;
  const html = await window.ws.fetch('/notifications?handler=List');
  if (!html.ok) return;
  list.innerHTML = await html.text();
  window.ws.localizeTimes(list);
}

document.addEventListener('DOMContentLoaded', () => {
  if (!bell || !window.ws?.connection) return;
  const later = debounce(() => refresh().catch(err => console.warn('bell not refreshed', err)), 150);
  window.ws.connection.on('notificationsChanged', later);
  window.ws.on('connected', later);
});
