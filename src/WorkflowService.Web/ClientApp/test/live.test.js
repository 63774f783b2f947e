import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterCallTaken, changesHands, debounce } from '../src/lib/live.js';

test('a task page is out of date when its task closes or gets another assignee', () => {
  assert.equal(changesHands({ taskId: 't1', kind: 'taskClosed', assignee: 'agent' }, 't1', 'agent'), true);
  assert.equal(changesHands({ taskId: 't1', kind: 'taskChanged', assignee: 'agent2' }, 't1', 'agent'), true);
  assert.equal(changesHands({ taskId: 't1', kind: 'taskChanged' }, 't1', 'agent'), true, 'given back');
  assert.equal(changesHands({ taskId: 't1', kind: 'taskChanged', assignee: 'agent' }, 't1', ''), true, 'claimed');
});

test('a task page stays as it is for other tasks and for changes that keep the assignee', () => {
  assert.equal(changesHands({ taskId: 't2', kind: 'taskClosed' }, 't1', 'agent'), false);
  assert.equal(changesHands({ taskId: 't1', kind: 'taskChanged', assignee: 'agent' }, 't1', 'agent'), false);
  assert.equal(changesHands({ taskId: 't1', kind: 'taskChanged', assignee: null }, 't1', ''), false);
  assert.equal(changesHands({ taskId: 't1', kind: 'taskChanged' }, 't1', undefined), false);
  assert.equal(changesHands(undefined, 't1', 'agent'), false);
});

test('a ringing call that someone takes shows who took it, or that it was missed', () => {
  assert.equal(afterCallTaken('ringing', { by: 'agent2' }, 'agent'), 'taken');
  assert.equal(afterCallTaken('ringing', { missed: true }, 'agent'), 'missed');
  assert.equal(afterCallTaken('answering', { by: 'agent2' }, 'agent'), 'taken', 'someone else was quicker');
});

test("the agent's own answer on its way is left to the answer's response", () => {
  assert.equal(afterCallTaken('answering', { by: 'agent' }, 'agent'), null);
  assert.equal(afterCallTaken('ringing', { by: 'agent' }, 'agent'), 'taken', 'answered in another tab');
});

test('debounce runs the action once, after the last call of a burst', t => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let runs = 0;
  const schedule = debounce(() => { runs += 1; }, 150);

  schedule();
  t.mock.timers.tick(100);
  schedule();
  t.mock.timers.tick(100);
  schedule();
  t.mock.timers.tick(149);
  assert.equal(runs, 0);
  t.mock.timers.tick(1);
  assert.equal(runs, 1);

  schedule();
  t.mock.timers.tick(150);
  assert.equal(runs, 2, 'a later call runs it again');
  t.mock.timers.tick(1000);
  assert.equal(runs, 2);
});
