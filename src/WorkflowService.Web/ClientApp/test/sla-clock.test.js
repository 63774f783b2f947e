import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countdown, ringState, slaState } from '../src/lib/sla-clock.js';

const hour = 3600_000;

test('a badge is overdue once the due time has passed, as the server decides it', () => {
  assert.equal(slaState(0, 10 * hour, 10 * hour), 'due-soon', 'at the due time itself it is not yet late');
  assert.equal(slaState(0, 10 * hour, 10 * hour + 1), 'overdue');
  assert.equal(slaState(0, Number.NaN, 5), 'none');
});

test('due soon opens at the larger of 4 hours and a quarter of the span', () => {
  assert.equal(slaState(0, 24 * hour, 17 * hour), 'on-time');
  assert.equal(slaState(0, 24 * hour, 18 * hour), 'due-soon', 'the 24 h rule turns due soon after 18 h');
  assert.equal(slaState(0, 8 * hour, 3 * hour), 'on-time');
  assert.equal(slaState(0, 8 * hour, 4 * hour), 'due-soon', 'short tasks: 4 hours before');
  assert.equal(slaState(5 * hour, 5 * hour, 4 * hour), 'due-soon', 'no span: the 4-hour window');
});

test('time left counts down in whole seconds', () => {
  assert.equal(countdown(15_000), '0:15');
  assert.equal(countdown(14_001), '0:15');
  assert.equal(countdown(61_000), '1:01');
  assert.equal(countdown(3 * hour + 5_000), '3:00:05');
  assert.equal(countdown(-3_000), '0:00');
});

test('a ringing call counts its rings and down to the three-rings deadline', () => {
  const since = 1_000_000;
  assert.deepEqual(ringState(since, 5, since + 15_000, since), { ring: 1, leftMs: 15_000, passed: false });
  assert.deepEqual(ringState(since, 5, since + 15_000, since + 5_000), { ring: 2, leftMs: 10_000, passed: false });
  assert.deepEqual(ringState(since, 5, since + 15_000, since + 16_000), { ring: 4, leftMs: -1_000, passed: true });
  assert.equal(ringState(since, 5, Number.NaN, since + 14_000).leftMs, 1_000, 'without a due time: three rings from the start');
});
