// SLA and working time in BPMN (issue 12; the README's "Working time"): camunda:properties the engine reads,
// in the same container as the two-language names, so translations.js reads and writes them.
//   calendar  on a timer event, a user task (its camunda:dueDate) or the process (the default for both):
//             the business calendar they count in; absent: real time.
//   warnAt    on an SLA timer (one with `sla`): when to warn before the breach, e.g. `50%,75%`.
//   slaPause  `true` on a user task, receive task or intermediate catch event: while it waits, the SLA
//             timers around it stop.
// This module decides which of them an element offers and checks what is typed; sla-provider.js shows them.
import { is } from 'bpmn-js/lib/util/ModelUtil.js';
import { elementHolder, readTranslation } from './translations.js';

export const CALENDAR = 'calendar';
export const WARN_AT = 'warnAt';
export const SLA_PAUSE = 'slaPause';
export const SLA = 'sla';

/** The English texts of the group and its messages, as `translate` takes them (zh-cn.js has them in Chinese). */
export const SLA_TEXTS = Object.freeze({
  group: 'SLA / working time',
  calendar: 'Calendar',
  realTime: 'Real time (no calendar)',
  processDefault: 'Process default: {calendar}',
  unknownCalendar: '{calendar} (unknown)',
  calendarsUnavailable: 'The calendars could not be loaded.',
  preview: 'Due if started now: {due} (calendar {calendar})',
  previewRefused: 'Not counted: {reason}',
  previewUnavailable: 'The due date could not be computed.',
  warnAt: 'Warn at',
  warnAtDescription: 'Percentages of the time to the breach, ascending, e.g. 50%,75%',
  warnAtFormat: 'Write percentages separated by commas, e.g. 50%,75%.',
  warnAtRange: 'Each mark lies between 1% and 99%.',
  warnAtOrder: 'The marks go up: each one above the one before.',
  slaPause: 'Pause the SLA clock while waiting here',
  slaPauseDescription: 'The SLA timers of this scope and the scopes around it stop while this step is active, and resume with the time left.',
});

const TIMER_EVENTS = ['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent'];
const EXPRESSION = /[$#]\{/;

/** The timerEventDefinition of an event, or null. */
export function timerOf(businessObject) {
  if (!TIMER_EVENTS.some(type => is(businessObject, type))) return null;
  return (businessObject.get('eventDefinitions') ?? []).find(d => is(d, 'bpmn:TimerEventDefinition')) ?? null;
}

/**
 * Whose properties the SLA entries of a selected diagram element edit: the flow node itself, or for a
 * pool (and the canvas of a diagram without pools) the process. Null when the element offers none of them.
 */
export function slaTargetOf(element) {
  const businessObject = element.businessObject;
  if (is(businessObject, 'bpmn:Participant')) {
    const process = businessObject.get('processRef');
    return process ? { businessObject: process, kind: 'process' } : null;
  }
  if (is(businessObject, 'bpmn:Process')) return { businessObject, kind: 'process' };
  if (timerOf(businessObject)) return { businessObject, kind: 'timer' };
  if (is(businessObject, 'bpmn:UserTask')) return { businessObject, kind: 'userTask' };
  // What the engine lets pause (SlaRules): a catch event, an event-based gateway, or a task done by an outside
  // worker (camunda:type="external"). Receive tasks are refused by the engine altogether.
  if (is(businessObject, 'bpmn:IntermediateCatchEvent') || is(businessObject, 'bpmn:EventBasedGateway')
      || (is(businessObject, 'bpmn:Task') && businessObject.get('camunda:type') === 'external')) {
    return { businessObject, kind: 'waiting' };
  }
  return null;
}

/** Which entries a target has: a calendar, warning marks, the pause flag. */
export function slaEntriesOf(target) {
  const { businessObject, kind } = target;
  const holder = elementHolder(businessObject);
  return {
    calendar: kind !== 'waiting',
    // Only an SLA timer warns; a timer that has warnAt without sla keeps the entry, so it can be cleared.
    warnAt: kind === 'timer' && (readTranslation(holder, SLA) !== '' || readTranslation(holder, WARN_AT) !== ''),
    // A timer catch event waits too (for the parts' delivery date, say); a boundary or start timer does not.
    slaPause: kind === 'userTask' || kind === 'waiting' || is(businessObject, 'bpmn:IntermediateCatchEvent'),
  };
}

/** The value of one of an element's (or process's) properties, '' when it has none. */
export const readProperty = (businessObject, name) => readTranslation(elementHolder(businessObject), name);

/** The process a flow node lies in (through its sub-processes), or null. */
export function processOf(businessObject) {
  let current = businessObject;
  while (current && !is(current, 'bpmn:Process')) current = current.$parent;
  return current ?? null;
}

/**
 * The calendar an element's deadline counts in: its own `calendar`, else the process's; '' for real time.
 * `inherited` tells that it is the process's.
 */
export function effectiveCalendar(target) {
  const own = readProperty(target.businessObject, CALENDAR).trim();
  // 'none' on an element: real time, whatever the process's default (the engine's SlaProperties.RealTime).
  if (own.toLowerCase() === REAL_TIME) return { name: '', inherited: false };
  if (own || target.kind === 'process') return { name: own, inherited: false };
  const name = processCalendarOf(target);
  return { name, inherited: name !== '' };
}

/** The default calendar of the process an element belongs to ('' when it names none, or for the process itself). */
export function processCalendarOf(target) {
  if (target.kind === 'process') return '';
  const process = processOf(target.businessObject);
  return process ? readProperty(process, CALENDAR).trim() : '';
}

/**
 * The literal ISO 8601 duration a deadline counts from its start, or null: a timer's timeDuration or a user
 * task's camunda:dueDate written as a duration (`P2D`, `PT4H`). Expressions, dates and cycles have none:
 * nothing can be previewed for them.
 */
/** The calendar value an element writes to count in real time although its process has a default calendar. */
export const REAL_TIME = 'none';

export function literalDurationOf(target) {
  const { businessObject, kind } = target;
  let text = null;
  if (kind === 'timer') {
    text = timerOf(businessObject)?.get('timeDuration')?.get('body') ?? null;
  } else if (kind === 'userTask') {
    text = businessObject.get('camunda:dueDate') ?? null;
  }
  text = text?.trim() ?? '';
  return text.startsWith('P') && !EXPRESSION.test(text) ? text : null;
}

const MARK = /^(\d{1,3})\s*%$/;

/**
 * Checks a warnAt text: comma-separated whole percentages, each 1–99, strictly ascending (spaces around
 * them allowed). Returns the English message to show (a key of SLA_TEXTS' values), or null when it is
 * valid or empty (empty removes the property).
 */
export function checkWarnAt(text) {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return null;
  const marks = [];
  for (const part of trimmed.split(',')) {
    const match = MARK.exec(part.trim());
    if (!match) return SLA_TEXTS.warnAtFormat;
    marks.push(Number(match[1]));
  }
  if (marks.some(mark => mark < 1 || mark > 99)) return SLA_TEXTS.warnAtRange;
  if (marks.some((mark, index) => index > 0 && mark <= marks[index - 1])) return SLA_TEXTS.warnAtOrder;
  return null;
}

/**
 * A due time as the API answers it (`2026-02-14T11:00:00+08:00`) shown in the calendar's own zone, as the
 * offset says: `2026-02-14 (Sat) 11:00 UTC+08:00`; `weekday(dayIndex)` names the day (0 = Sunday). Text that
 * is not such a time is shown as it came.
 */
export function formatDue(iso, weekday) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso ?? '');
  if (!match) return iso ?? '';
  const [, year, month, day, hour, minute, offset] = match;
  const dayIndex = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay();
  return `${year}-${month}-${day} (${weekday(dayIndex)}) ${hour}:${minute} UTC${offset === 'Z' ? '' : offset}`;
}

/** The English day names `formatDue` is given through `translate` (zh-cn.js: 周日 ...). */
export const WEEKDAYS = Object.freeze(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
