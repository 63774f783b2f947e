import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingText, messagesByElement } from '../src/lib/findings.js';

const format = (key, ...args) => `${key}(${args.join(',')})`;

test('a finding reads line, element and message, separated by dots', () => {
  assert.equal(findingText({ line: 12, elementId: 'checkWarranty', message: 'has no outgoing flow' }, format),
    'Designer.Js.Line(12) · checkWarranty · has no outgoing flow');
});

test('a finding leaves out the line and the element it does not have', () => {
  assert.equal(findingText({ elementId: 'checkWarranty', message: 'm' }, format), 'checkWarranty · m');
  assert.equal(findingText({ line: 3, message: 'm' }, format), 'Designer.Js.Line(3) · m');
  assert.equal(findingText({ line: 0, elementId: null, message: 'The file is not BPMN' }, format), 'The file is not BPMN');
});

test('messages are grouped by the element they name, elements in order of first mention', () => {
  const elements = { a: { id: 'a' }, b: { id: 'b' } };
  const findings = [
    { elementId: 'b', message: 'b1' },
    { elementId: 'a', message: 'a1' },
    { elementId: 'b', message: 'b2' },
  ];

  const grouped = messagesByElement(findings, f => elements[f.elementId] ?? null);

  assert.deepEqual([...grouped], [['b', ['b1', 'b2']], ['a', ['a1']]]);
});

test('findings without a diagram element are not grouped', () => {
  const findings = [
    { message: 'no process' },
    { elementId: 'Process_1', message: 'the process itself' },
    { elementId: 'gone', message: 'unknown id' },
    { elementId: 'task', message: 'kept' },
  ];

  const grouped = messagesByElement(findings, f => (f.elementId === 'task' ? { id: 'task' } : null));

  assert.deepEqual([...grouped], [['task', ['kept']]]);
  assert.equal(messagesByElement([], () => ({ id: 'x' })).size, 0);
});
