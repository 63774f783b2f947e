// Task page: when someone else claims, gives back or completes this task while it is open here,
// say so instead of reloading, so nothing typed into the form is lost.
import { changesHands } from './lib/live.js';

const page = document.getElementById('task-page');

if (page) {
  window.ws.on('taskChanged', event => {
    if (changesHands(event, page.dataset.taskId, page.dataset.assignee)) {
      document.getElementById('task-stale')?.classList.remove('d-none');
    }
  });
}
