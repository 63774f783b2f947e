import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slaWarning } from '../src/lib/live.js';

const warning = { kind: 'slaWarning', taskId: 't1', assignee: 'engineer' };

test('an SLA warning reaches the assignee of the task, in the page language, with a link to it', () => {
  assert.deepEqual(slaWarning(warning, 'engineer', 'zh-CN'), { text: '服务时限提醒: 一项任务即将超时', href: '/tasks/t1' });
  assert.equal(slaWarning(warning, 'engineer', 'en').text, 'SLA warning: a task is close to its deadline');
});

test('someone else on the group hears nothing of an assigned task, everyone of an unclaimed one', () => {
  assert.equal(slaWarning(warning, 'agent', 'en'), null);
  assert.equal(slaWarning({ ...warning, assignee: null }, 'agent', 'en').href, '/tasks/t1');
});

test('other task events are no warning', () => {
  assert.equal(slaWarning({ kind: 'taskChanged', taskId: 't1' }, 'engineer', 'en'), null);
  assert.equal(slaWarning(undefined, 'engineer', 'en'), null);
});
