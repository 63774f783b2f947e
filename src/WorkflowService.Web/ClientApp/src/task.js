// Task page: when someone else claims, gives back or completes this task while it is open here,
// say so instead of reloading, so nothing typed into the form is lost.
const page = document.getElementById('task-page');

if (page) {
  window.ws.on('taskChanged', event => {
    if (event.taskId !== page.dataset.taskId) return;
    const handsChanged = event.kind === 'taskClosed' || (event.assignee ?? '') !== (page.dataset.assignee ?? '');
    if (handsChanged) document.getElementById('task-stale')?.classList.remove('d-none');
  });
}
