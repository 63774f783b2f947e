import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fill, formatter } from '../src/lib/text.js';

test('fill puts each argument where its number stands, as often as it appears', () => {
  assert.equal(fill('Version {0} by {1}', [3, 'owner']), 'Version 3 by owner');
  assert.equal(fill('{1} before {0}, {0} again', ['a', 'b']), 'b before a, a again');
});

test('fill leaves a placeholder without an argument empty', () => {
  assert.equal(fill('Taken by {0}{1}', ['agent2']), 'Taken by agent2');
  assert.equal(fill('Taken by {0}', [null]), 'Taken by ');
  assert.equal(fill('Taken by {0}', []), 'Taken by ');
});

test('fill takes replacement text literally, even with $ patterns', () => {
  assert.equal(fill('Failed: {0}', ['costs $& and $1']), 'Failed: costs $& and $1');
});

test('fill keeps text without placeholders and zero as a value', () => {
  assert.equal(fill('Saved', ['ignored']), 'Saved');
  assert.equal(fill('{0} errors', [0]), '0 errors');
});

test('formatter looks texts up by key and falls back to the key itself', () => {
  const format = formatter({ 'Designer.Js.Invalid': '{0} errors', 'Designer.Js.Line': 'line {0}' });
  assert.equal(format('Designer.Js.Invalid', 2), '2 errors');
  assert.equal(format('Designer.Js.Line', 14), 'line 14');
  assert.equal(format('Designer.Js.Unknown'), 'Designer.Js.Unknown');
  assert.equal(formatter(undefined)('Designer.Js.Working'), 'Designer.Js.Working');
});
