// The properties panel's "SLA / working time" group (issue 12): which business calendar a timer, a user
// task's due date or the whole process counts in, a preview of the due time when the deadline is a literal
// duration, the warning marks of an SLA timer and the SLA pause of a waiting step. What each property means
// is in sla.js; they are camunda:properties written as the two-language names are (translations.js), so the
// element's other properties stay as they were and an emptied entry takes its property away.
import {
  CheckboxEntry, SelectEntry, TextFieldEntry, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useMemo, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import { pageCalendarClient, latestOnly } from './calendars.js';
import { dueRefusalLocalizerFor } from './due-zh.js';
import {
  CALENDAR, REAL_TIME, SLA_PAUSE, SLA_TEXTS as TEXTS, WARN_AT, WEEKDAYS, checkWarnAt, effectiveCalendar, formatDue,
  literalDurationOf, processCalendarOf, readProperty, slaEntriesOf, slaTargetOf,
} from './sla.js';
import { elementHolder, translationCommands } from './translations.js';

// Below the Camunda provider's 500, as the translations provider: the groups it places ours among exist.
const PRIORITY = 400;
const PREVIEW_DELAY_MS = 400;
// Our group goes after the first of these the element has: its timer, its assignment (due date), its names.
const AFTER_GROUPS = ['timer', 'CamundaPlatform__UserAssignment', 'general'];

/** Sets (or, empty, removes) property `name` of `target` as one undoable command on the diagram `element`. */
function usePropertySetter(element, target, name) {
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  return value => {
    const commands = translationCommands({
      element, holder: elementHolder(target.businessObject), key: name, value,
      create: (type, attrs) => bpmnFactory.create(type, attrs),
    });
    if (commands.length) commandStack.execute('properties-panel.multi-command-executor', commands);
  };
}

function CalendarEntry({ element, id, target }) {
  const translate = useService('translate');
  const calendars = useService('wsCalendars');
  const setProperty = usePropertySetter(element, target, CALENDAR);
  const [names, setNames] = useState(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    calendars.names().then(list => live && setNames(list), () => live && setFailed(true));
    return () => { live = false; };
  }, [calendars]);

  const current = readProperty(target.businessObject, CALENDAR);
  const processDefault = processCalendarOf(target);
  const getOptions = () => {
    const options = [{
      value: '',
      label: processDefault ? translate(TEXTS.processDefault, { calendar: processDefault }) : translate(TEXTS.realTime),
    }];
    // Under a process default, real time must be said explicitly ('none').
    if (processDefault || current === REAL_TIME) options.push({ value: REAL_TIME, label: translate(TEXTS.realTime) });
    for (const name of names ?? []) options.push({ value: name, label: name });
    // A name the list lacks (not loaded yet, or a calendar that is gone) stays shown, and chosen.
    if (current && current !== REAL_TIME && !(names ?? []).includes(current)) {
      options.push({ value: current, label: names ? translate(TEXTS.unknownCalendar, { calendar: current }) : current });
    }
    return options;
  };
  return SelectEntry({
    element, id, label: translate(TEXTS.calendar),
    getValue: () => current,
    setValue: value => setProperty(value),
    getOptions,
    description: failed ? translate(TEXTS.calendarsUnavailable) : undefined,
  });
}

/** "Due if started now: …" for a literal duration in a calendar; nothing for expressions or real time. */
function PreviewEntry({ id, target }) {
  const translate = useService('translate');
  const calendars = useService('wsCalendars');
  const duration = literalDurationOf(target);
  const { name } = effectiveCalendar(target);
  const [result, setResult] = useState(null);
  const runner = useMemo(() => latestOnly(PREVIEW_DELAY_MS, setResult), []);
  useEffect(() => {
    setResult(null);
    if (duration && name) runner.schedule(() => calendars.due(name, new Date(), duration));
    return () => runner.cancel();
  }, [name, duration, runner, calendars]);

  if (!duration || !name || !result) return null;
  let text;
  let refused = true;
  if (result.error) {
    text = translate(TEXTS.previewUnavailable);
  } else if (result.value.refused !== undefined) {
    // The server's reasons are English; the page's language says whether to show them in Chinese.
    const reason = dueRefusalLocalizerFor(document.documentElement.lang)(result.value.refused);
    text = translate(TEXTS.previewRefused, { reason });
  } else {
    refused = false;
    const due = formatDue(result.value.due, day => translate(WEEKDAYS[day]));
    text = translate(TEXTS.preview, { due, calendar: name });
  }
  return h('div', {
    class: `bio-properties-panel-entry ws-sla-preview${refused ? ' ws-sla-preview-refused' : ''}`,
    'data-entry-id': id,
    'data-testid': 'sla-preview',
    role: 'status',
  }, text);
}

function WarnAtEntry({ element, id, target }) {
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const setProperty = usePropertySetter(element, target, WARN_AT);
  // The same function from render to render: the entry re-validates the stored value whenever `validate`
  // changes, which would wipe the message of a refused (so unstored) text at once.
  const validate = useMemo(() => value => {
    const problem = checkWarnAt(value);
    return problem ? translate(problem) : null;
  }, [translate]);
  return TextFieldEntry({
    element, id, debounce, validate,
    label: translate(TEXTS.warnAt),
    description: translate(TEXTS.warnAtDescription),
    getValue: () => readProperty(target.businessObject, WARN_AT),
    // An invalid text stays in the field, under its message, and is not written.
    setValue: (value, error) => { if (!error) setProperty(value.trim()); },
  });
}

function SlaPauseEntry({ element, id, target }) {
  const translate = useService('translate');
  const setProperty = usePropertySetter(element, target, SLA_PAUSE);
  return CheckboxEntry({
    element, id,
    label: translate(TEXTS.slaPause),
    description: translate(TEXTS.slaPauseDescription),
    getValue: () => readProperty(target.businessObject, SLA_PAUSE).trim().toLowerCase() === 'true',
    // Unchecked removes the property: absent is the engine's "no pause".
    setValue: checked => setProperty(checked ? 'true' : ''),
  });
}

/** The group's entries for a selected element; empty when it has none. Entry ids: `sla-calendar`, ... */
export function slaEntries(element) {
  const target = slaTargetOf(element);
  if (!target) return [];
  const offered = slaEntriesOf(target);
  const entries = [];
  if (offered.calendar) {
    entries.push({ id: 'sla-calendar', component: CalendarEntry, isEdited: isSelectEntryEdited, target });
    entries.push({ id: 'sla-preview', component: PreviewEntry, target });
  }
  if (offered.warnAt) entries.push({ id: 'sla-warnAt', component: WarnAtEntry, isEdited: isTextFieldEntryEdited, target });
  if (offered.slaPause) entries.push({ id: 'sla-pause', component: SlaPauseEntry, isEdited: isCheckboxEntryEdited, target });
  return entries;
}

class SlaPropertiesProvider {
  constructor(propertiesPanel, translate) {
    this.translate = translate;
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element) {
    return groups => {
      const entries = slaEntries(element);
      if (!entries.length) return groups;
      const group = { id: 'WorkflowService__Sla', label: this.translate(TEXTS.group), entries };
      const after = AFTER_GROUPS.map(id => groups.findIndex(g => g.id === id)).find(index => index >= 0);
      groups.splice(after === undefined ? groups.length : after + 1, 0, group);
      return groups;
    };
  }
}
SlaPropertiesProvider.$inject = ['propertiesPanel', 'translate'];

/**
 * The bpmn-js module: give it to the modeler after the properties panel and the Camunda provider. The
 * calendars come from the designer page (calendars.js); a modeler may bring its own client as
 * `wsCalendars` in its config (`{ names(), due(calendar, from, duration) }`).
 */
export const SlaPropertiesProviderModule = {
  __init__: ['wsSlaPropertiesProvider'],
  wsSlaPropertiesProvider: ['type', SlaPropertiesProvider],
  wsCalendars: ['factory', ['config.wsCalendars', client => client ?? pageCalendarClient()]],
};
