import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import {
  elementHolder, formFieldHolder, readTranslation, translationCommands, translationKey,
} from '../src/designer/translations.js';

// The commands run here as bpmn-js's element.updateModdleProperties runs them: each property set on its object.
const camunda = JSON.parse(readFileSync(new URL('../node_modules/camunda-bpmn-moddle/resources/camunda.json', import.meta.url)));
const moddle = BpmnModdle({ camunda });
const create = (type, attrs) => moddle.create(type, attrs);
const run = commands => commands.forEach(({ cmd, context }) => {
  assert.equal(cmd, 'element.updateModdleProperties');
  for (const [name, value] of Object.entries(context.properties)) context.moddleElement.set(name, value);
});

const diagram = (taskContent = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:userTask id="task" name="受理">${taskContent}</bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;

async function taskOf(xml) {
  const { rootElement } = await moddle.fromXML(xml);
  return rootElement.rootElements[0].flowElements[0];
}

async function xmlOf(task) {
  let definitions = task;
  while (definitions.$parent) definitions = definitions.$parent;
  return (await moddle.toXML(definitions)).xml;
}

const set = (holder, key, value) => run(translationCommands({ element: {}, holder, key, value, create }));

test('a translation key names the text and the language', () => {
  assert.equal(translationKey('name', 'en'), 'name:en');
  assert.equal(translationKey('label', 'zh-CN'), 'label:zh-CN');
});

test('an element without extension elements gets its English name as a camunda:property named name:en', async () => {
  const task = await taskOf(diagram());
  const holder = elementHolder(task);

  set(holder, 'name:en', 'Accept request');

  assert.equal(readTranslation(holder, 'name:en'), 'Accept request');
  assert.match(await xmlOf(task),
    /<bpmn:extensionElements>\s*<camunda:properties>\s*<camunda:property name="name:en" value="Accept request" \/>/);
});

test("a name is added beside the element's other properties and extensions, which stay as they were", async () => {
  const task = await taskOf(diagram(`<bpmn:extensionElements>
      <camunda:formData><camunda:formField id="note" label="说明" type="string" /></camunda:formData>
      <camunda:properties><camunda:property name="sla" value="acceptance-24h" /></camunda:properties>
    </bpmn:extensionElements>`));
  const holder = elementHolder(task);

  set(holder, 'name:zh-CN', '受理请求');
  set(holder, 'name:en', 'Accept request');

  const xml = await xmlOf(task);
  assert.match(xml, /<camunda:property name="sla" value="acceptance-24h" \/>\s*<camunda:property name="name:zh-CN" value="受理请求" \/>\s*<camunda:property name="name:en" value="Accept request" \/>/);
  assert.match(xml, /<camunda:formField id="note" label="说明" type="string" \/>/);
  assert.equal(xml.match(/<camunda:properties>/g).length, 1);
});

test('a changed name replaces the value of its property, and an unchanged one makes no command', async () => {
  const task = await taskOf(diagram(
    '<bpmn:extensionElements><camunda:properties><camunda:property name="name:en" value="Accept" /></camunda:properties></bpmn:extensionElements>'));
  const holder = elementHolder(task);

  set(holder, 'name:en', 'Accept request');

  assert.equal(readTranslation(holder, 'name:en'), 'Accept request');
  assert.equal((await xmlOf(task)).match(/name:en/g).length, 1);
  assert.deepEqual(translationCommands({ element: {}, holder, key: 'name:en', value: 'Accept request', create }), []);
});

test('an emptied name removes its property and keeps the others', async () => {
  const task = await taskOf(diagram(`<bpmn:extensionElements><camunda:properties>
      <camunda:property name="name:en" value="Accept request" /><camunda:property name="sla" value="acceptance-24h" />
    </camunda:properties></bpmn:extensionElements>`));
  const holder = elementHolder(task);

  set(holder, 'name:en', '');

  const xml = await xmlOf(task);
  assert.doesNotMatch(xml, /name:en/);
  assert.match(xml, /<camunda:properties>\s*<camunda:property name="sla" value="acceptance-24h" \/>\s*<\/camunda:properties>/);
  assert.equal(readTranslation(holder, 'name:en'), '');
});

test('the last translation property emptied takes its camunda:properties along', async () => {
  const task = await taskOf(diagram());
  const holder = elementHolder(task);
  set(holder, 'name:en', 'Accept request');

  set(holder, 'name:en', '   ');

  assert.doesNotMatch(await xmlOf(task), /camunda:properties/);
  assert.deepEqual(translationCommands({ element: {}, holder, key: 'name:en', value: '', create }), []);
});

test("a form field's English label is a camunda:property with the id label:en in the field's own properties", async () => {
  const task = await taskOf(diagram(`<bpmn:extensionElements><camunda:formData>
      <camunda:formField id="customer" label="客户" type="string">
        <camunda:validation><camunda:constraint name="required" /></camunda:validation>
      </camunda:formField></camunda:formData></bpmn:extensionElements>`));
  const field = task.extensionElements.values[0].fields[0];
  const holder = formFieldHolder(field);

  set(holder, 'label:en', 'Customer');

  const xml = await xmlOf(task);
  assert.match(xml, /<camunda:properties>\s*<camunda:property id="label:en" value="Customer" \/>\s*<\/camunda:properties>/);
  assert.match(xml, /<camunda:constraint name="required" \/>/);
  assert.equal(readTranslation(holder, 'label:en'), 'Customer');
  assert.equal(readTranslation(elementHolder(task), 'label:en'), '', "not the task's");
});

test('a form field property named by name (a hand-written file) is found, changed and removed in place', async () => {
  const task = await taskOf(diagram(`<bpmn:extensionElements><camunda:formData>
      <camunda:formField id="customer" label="客户"><camunda:properties>
        <camunda:property name="label:en" value="Client" /><camunda:property id="value:a:en" value="A" />
      </camunda:properties></camunda:formField></camunda:formData></bpmn:extensionElements>`));
  const holder = formFieldHolder(task.extensionElements.values[0].fields[0]);
  assert.equal(readTranslation(holder, 'label:en'), 'Client');

  set(holder, 'label:en', 'Customer');
  assert.match(await xmlOf(task), /<camunda:property name="label:en" value="Customer" \/>/);

  set(holder, 'label:en', '');
  const xml = await xmlOf(task);
  assert.doesNotMatch(xml, /label:en/);
  assert.match(xml, /<camunda:property id="value:a:en" value="A" \/>/);

  set(holder, 'value:a:en', '');
  assert.doesNotMatch(await xmlOf(task), /camunda:properties/);
});
