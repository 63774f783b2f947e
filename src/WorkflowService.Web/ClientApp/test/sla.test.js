import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import {
  CALENDAR, SLA_PAUSE, SLA_TEXTS, WARN_AT, checkWarnAt, effectiveCalendar, formatDue, literalDurationOf, readProperty,
  slaEntriesOf, slaTargetOf,
} from '../src/designer/sla.js';
import { elementHolder, translationCommands } from '../src/designer/translations.js';
import { dictionaryFor, translatorFor } from '../src/designer/translate.js';

// The commands run here as bpmn-js's element.updateModdleProperties runs them: each property set on its object.
const camunda = JSON.parse(readFileSync(new URL('../node_modules/camunda-bpmn-moddle/resources/camunda.json', import.meta.url)));
const moddle = BpmnModdle({ camunda });
const create = (type, attrs) => moddle.create(type, attrs);
const run = commands => commands.forEach(({ context }) => {
  for (const [name, value] of Object.entries(context.properties)) context.moddleElement.set(name, value);
});
/** What sla-provider.js does when an entry changes: the same commands, on the target's own properties. */
const set = (businessObject, name, value) =>
  run(translationCommands({ element: {}, holder: elementHolder(businessObject), key: name, value, create }));

const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:message id="partsArrived" name="partsArrived" />
  <bpmn:process id="repair" isExecutable="true">
    <bpmn:extensionElements><camunda:properties>
      <camunda:property name="name:en" value="Repair" /><camunda:property name="calendar" value="default" />
    </camunda:properties></bpmn:extensionElements>
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="accept" name="受理" camunda:dueDate="P1D">
      <bpmn:extensionElements><camunda:properties>
        <camunda:property name="sla" value="acceptance-24h" /><camunda:property name="name:en" value="Accept" />
      </camunda:properties></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="acceptTimer" attachedToRef="accept" cancelActivity="false">
      <bpmn:extensionElements><camunda:properties>
        <camunda:property name="sla" value="acceptance-24h" /><camunda:property name="name:en" value="24 h" />
      </camunda:properties></bpmn:extensionElements>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="reminder" attachedToRef="accept" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">\${due}</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:subProcess id="handling">
      <bpmn:userTask id="fix" camunda:dueDate="\${fixDue}" />
      <bpmn:intermediateCatchEvent id="waitParts"><bpmn:messageEventDefinition messageRef="partsArrived" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="waitDelivery">
        <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">\${delivery}</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:intermediateCatchEvent>
      <bpmn:serviceTask id="waitCustomer" camunda:type="external" camunda:topic="customer" />
      <bpmn:receiveTask id="refused" />
      <bpmn:eventBasedGateway id="waitEither" />
      <bpmn:serviceTask id="notify" />
    </bpmn:subProcess>
  </bpmn:process>
</bpmn:definitions>`;

async function load() {
  const { rootElement, warnings } = await moddle.fromXML(diagram);
  assert.deepEqual(warnings, []);
  const process = rootElement.rootElements.find(e => e.$type === 'bpmn:Process');
  const all = [process, ...process.flowElements, ...process.flowElements.flatMap(e => e.flowElements ?? [])];
  const byId = Object.fromEntries(all.map(e => [e.id, e]));
  return { definitions: rootElement, byId, shape: id => ({ businessObject: byId[id] }) };
}

const xmlOf = async definitions => (await moddle.toXML(definitions, { format: true })).xml;

test('each element offers the SLA entries the engine reads on it, and other elements none', async () => {
  const { shape } = await load();
  const offered = id => { const target = slaTargetOf(shape(id)); return target && { kind: target.kind, ...slaEntriesOf(target) }; };

  assert.deepEqual(offered('repair'), { kind: 'process', calendar: true, warnAt: false, slaPause: false });
  assert.deepEqual(offered('acceptTimer'), { kind: 'timer', calendar: true, warnAt: true, slaPause: false }, 'an SLA timer');
  assert.deepEqual(offered('reminder'), { kind: 'timer', calendar: true, warnAt: false, slaPause: false }, 'no sla, no warnings');
  assert.deepEqual(offered('accept'), { kind: 'userTask', calendar: true, warnAt: false, slaPause: true });
  assert.deepEqual(offered('waitParts'), { kind: 'waiting', calendar: false, warnAt: false, slaPause: true });
  assert.deepEqual(offered('waitDelivery'), { kind: 'timer', calendar: true, warnAt: false, slaPause: true });
  assert.deepEqual(offered('waitCustomer'), { kind: 'waiting', calendar: false, warnAt: false, slaPause: true });
  assert.equal(offered('notify'), null);
  assert.equal(offered('refused'), null, 'a receive task: the engine refuses it altogether');
  assert.deepEqual(offered('waitEither'), { kind: 'waiting', calendar: false, warnAt: false, slaPause: true });
  assert.equal(offered('start'), null, 'a start event without a timer');
});

test("a pool's entries edit the process it holds", async () => {
  const { byId } = await load();
  const pool = moddle.create('bpmn:Participant', { id: 'pool', processRef: byId.repair });

  assert.deepEqual(slaTargetOf({ businessObject: pool }), { businessObject: byId.repair, kind: 'process' });
  assert.equal(slaTargetOf({ businessObject: moddle.create('bpmn:Participant', { id: 'empty' }) }), null);
});

test("a calendar chosen for a timer is a camunda:property beside its other properties, which stay as they were", async () => {
  const { definitions, byId } = await load();

  set(byId.acceptTimer, CALENDAR, 'default');

  assert.equal(readProperty(byId.acceptTimer, CALENDAR), 'default');
  assert.match(await xmlOf(definitions), new RegExp(
    '<bpmn:boundaryEvent id="acceptTimer" cancelActivity="false" attachedToRef="accept">\\s*<bpmn:extensionElements>\\s*' +
    '<camunda:properties>\\s*<camunda:property name="sla" value="acceptance-24h" />\\s*' +
    '<camunda:property name="name:en" value="24 h" />\\s*<camunda:property name="calendar" value="default" />\\s*</camunda:properties>'));
});

test('real time chosen again removes the calendar property, and only it', async () => {
  const { definitions, byId } = await load();
  set(byId.acceptTimer, CALENDAR, 'default');

  set(byId.acceptTimer, CALENDAR, '');

  const xml = await xmlOf(definitions);
  assert.equal(readProperty(byId.acceptTimer, CALENDAR), '');
  assert.match(xml, /<camunda:property name="sla" value="acceptance-24h" \/>\s*<camunda:property name="name:en" value="24 h" \/>\s*<\/camunda:properties>/);
  assert.equal(xml.match(/name="calendar"/g).length, 1, "the process's own stays");
});

test('an element without properties gets them for its first SLA entry and loses them with its last', async () => {
  const { definitions, byId } = await load();

  set(byId.waitCustomer, SLA_PAUSE, 'true');
  set(byId.reminder, WARN_AT, '50%,75%');
  let xml = await xmlOf(definitions);
  assert.match(xml, /<bpmn:serviceTask id="waitCustomer" camunda:type="external" camunda:topic="customer">\s*<bpmn:extensionElements>\s*<camunda:properties>\s*<camunda:property name="slaPause" value="true" \/>/);
  assert.match(xml, /<camunda:property name="warnAt" value="50%,75%" \/>/);
  assert.equal(slaEntriesOf(slaTargetOf({ businessObject: byId.reminder })).warnAt, true, 'kept, so it can be cleared');

  set(byId.waitCustomer, SLA_PAUSE, '');
  set(byId.reminder, WARN_AT, '');
  xml = await xmlOf(definitions);
  assert.doesNotMatch(xml, /warnAt|slaPause/);
  assert.deepEqual(elementHolder(byId.waitCustomer).containers(), [], 'no camunda:properties left');
  assert.deepEqual(elementHolder(byId.reminder).containers(), []);
});

test('a deadline counts in its own calendar, else in the process default (through sub-processes), else in real time', async () => {
  const { byId, shape } = await load();
  const calendarOf = id => effectiveCalendar(slaTargetOf(shape(id)));

  assert.deepEqual(calendarOf('acceptTimer'), { name: 'default', inherited: true });
  assert.deepEqual(calendarOf('fix'), { name: 'default', inherited: true });
  set(byId.fix, CALENDAR, 'workshop');
  assert.deepEqual(calendarOf('fix'), { name: 'workshop', inherited: false });
  assert.deepEqual(calendarOf('repair'), { name: 'default', inherited: false });

  set(byId.acceptTimer, CALENDAR, 'none');
  assert.deepEqual(calendarOf('acceptTimer'), { name: '', inherited: false }, "'none' is real time under a process default");
  set(byId.acceptTimer, CALENDAR, '');

  set(byId.repair, CALENDAR, '');
  assert.deepEqual(calendarOf('acceptTimer'), { name: '', inherited: false });
  assert.deepEqual(calendarOf('repair'), { name: '', inherited: false });
});

test('only a literal duration (a timer duration or a due date written as one) can be previewed', async () => {
  const { byId, shape } = await load();
  const durationOf = id => literalDurationOf(slaTargetOf(shape(id)));

  assert.equal(durationOf('acceptTimer'), 'P2D');
  assert.equal(durationOf('accept'), 'P1D');
  assert.equal(durationOf('reminder'), null, 'a date');
  assert.equal(durationOf('waitDelivery'), null, 'an expression');
  assert.equal(durationOf('fix'), null, 'an expression');
  assert.equal(durationOf('repair'), null, 'a process has no deadline of its own');
  byId.accept.set('camunda:dueDate', '2026-03-01T09:00:00+08:00');
  assert.equal(durationOf('accept'), null, 'a date-time');
  byId.accept.set('camunda:dueDate', ' PT4H ');
  assert.equal(durationOf('accept'), 'PT4H');
});

test('warning marks are ascending whole percentages from 1 to 99, separated by commas', () => {
  for (const valid of ['50%', '50%,75%', ' 25% , 50%,75% ', '1%,99%', '']) assert.equal(checkWarnAt(valid), null, valid);
  for (const [text, problem] of [
    ['50', SLA_TEXTS.warnAtFormat], ['50%;75%', SLA_TEXTS.warnAtFormat], ['50%,', SLA_TEXTS.warnAtFormat],
    ['12.5%', SLA_TEXTS.warnAtFormat], ['half', SLA_TEXTS.warnAtFormat], ['-5%', SLA_TEXTS.warnAtFormat],
    ['0%', SLA_TEXTS.warnAtRange], ['50%,100%', SLA_TEXTS.warnAtRange], ['150%', SLA_TEXTS.warnAtRange],
    ['75%,50%', SLA_TEXTS.warnAtOrder], ['50%,50%', SLA_TEXTS.warnAtOrder],
  ]) assert.equal(checkWarnAt(text), problem, text);
});

test('the messages under the warning marks and the group read in Chinese for a zh-CN person', () => {
  const translate = translatorFor(dictionaryFor('zh-CN'));

  assert.equal(translate(checkWarnAt('75%,50%')), '提醒点须从小到大排列，每个都大于前一个。');
  assert.equal(translate(checkWarnAt('100%')), '每个提醒点须在 1% 到 99% 之间。');
  assert.equal(translate(SLA_TEXTS.group), '服务时限 / 工作时间');
  for (const text of Object.values(SLA_TEXTS)) assert.notEqual(translate(text), text, text);
  assert.equal(translate(SLA_TEXTS.preview, { due: 'x', calendar: 'default' }), '若现在开始，到期时间：x（日历 default）');
});

test("a due time is shown in the calendar's own zone, with its weekday", () => {
  const english = day => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][day];

  assert.equal(formatDue('2026-02-14T11:00:00+08:00', english), '2026-02-14 (Sat) 11:00 UTC+08:00');
  assert.equal(formatDue('2026-02-24T10:00:00.000+08:00', english), '2026-02-24 (Tue) 10:00 UTC+08:00');
  assert.equal(formatDue('2026-03-29T01:30:00Z', english), '2026-03-29 (Sun) 01:30 UTC');
  assert.equal(formatDue('soon', english), 'soon');
});
