// Decisions of the pages that follow SignalR events.

/**
 * Whether a "taskChanged" event means the open task page is out of date: this task was closed, or
 * now has another assignee (claimed, given back, reassigned). No assignee and '' are the same.
 */
export function changesHands(event, taskId, assignee) {
  if (event?.taskId !== taskId) return false;
  return event.kind === 'taskClosed' || (event.assignee ?? '') !== (assignee ?? '');
}

/**
 * What a "callTaken" event does to a call the banner shows in state `state` (ringing, answering,
 * taken, missed): 'missed' or 'taken', or null to leave it when it is this agent's own answer
 * still on its way (the answer's response decides what the agent sees).
 */
export function afterCallTaken(state, event, me) {
  if (state === 'answering' && event.by === me) return null;
  return event.missed ? 'missed' : 'taken';
}

/**
 * `action` run once, `delayMs` after the last of a burst of calls (several events arrive together
 * when a step closes one task and opens the next).
 */
export function debounce(action, delayMs) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, delayMs);
  };
}

/**
 * What a person is told live when an SLA warning (`warnAt`) reaches one of their tasks: a text in the
 * page's language and a link to the task, or null when the event is no warning or the task is someone
 * else's (an assigned task warns its assignee; an unclaimed one everyone who may claim it).
 */
export function slaWarning(event, me, lang) {
  if (event?.kind !== 'slaWarning' || !event.taskId) return null;
  if (event.assignee && event.assignee !== me) return null;
  const zh = (lang || '').toLowerCase().startsWith('zh');
  return {
    text: zh ? '服务时限提醒: 一项任务即将超时' : 'SLA warning: a task is close to its deadline',
    href: `/tasks/${event.taskId}`,
  };
}
