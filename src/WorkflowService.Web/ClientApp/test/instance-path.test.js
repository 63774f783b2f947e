import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathMarkers } from '../src/lib/instance-path.js';

const everything = () => true;

test('completed elements, taken flows and active elements get their markers, active last', () => {
  const data = { completed: ['start', 'record'], flows: ['f1', 'f2'], active: ['review'] };

  assert.deepEqual(pathMarkers(data, everything), [
    ['start', 'ws-done'], ['record', 'ws-done'], ['f1', 'ws-taken'], ['f2', 'ws-taken'], ['review', 'ws-active'],
  ]);
});

test('an element completed before and active again (a loop) is marked active only', () => {
  const data = { completed: ['start', 'review'], flows: [], active: ['review'] };

  assert.deepEqual(pathMarkers(data, everything), [['start', 'ws-done'], ['review', 'ws-active']]);
});

test('ids the diagram does not have are left out', () => {
  const data = { completed: ['start', 'removedTask'], flows: ['oldFlow', 'f1'], active: ['review'] };
  const diagram = new Set(['start', 'f1', 'review']);

  assert.deepEqual(pathMarkers(data, id => diagram.has(id)), [['start', 'ws-done'], ['f1', 'ws-taken'], ['review', 'ws-active']]);
});

test('an instance with nothing recorded marks nothing', () => {
  assert.deepEqual(pathMarkers({}, everything), []);
  assert.deepEqual(pathMarkers({ completed: [], flows: [], active: [] }, everything), []);
});
