import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dueRefusalEntries, dueRefusalInChinese, dueRefusalLocalizerFor } from '../src/designer/due-zh.js';

test("the server's reasons for not counting a due date read in Chinese, each of them", () => {
  assert.equal(
    dueRefusalInChinese("The due date cannot be counted: 'P1Y' counts years or months, which calendar 'default' cannot count in working time: give working days instead (e.g. P20D)"),
    "'P1Y' 含年或月，日历 'default' 无法按工作时间计算：请改用工作日（例如 P20D）");
  assert.equal(
    dueRefusalInChinese("The due date cannot be counted: 'P2X' is not an ISO 8601 duration (e.g. PT4H, P1D, P1DT2H); Give a duration (ISO 8601, e.g. PT4H or P1D)"),
    "'P2X' 不是 ISO 8601 时长（例如 PT4H、P1D、P1DT2H）；请填写时长（ISO 8601，例如 PT4H 或 P1D）");
  assert.equal(dueRefusalInChinese("No calendar is called 'workshop'"), "没有名为 'workshop' 的日历");
  assert.equal(
    dueRefusalInChinese("P3000000D from 2026-02-13T16:00:00.0000000+08:00 in calendar 'default' reaches beyond the dates a timer can hold (years 1 to 9999)"),
    "在日历 'default' 中从 2026-02-13T16:00:00.0000000+08:00 起算 P3000000D，超出了定时器可表示的日期（公元 1 至 9999 年）");
  assert.equal(dueRefusalInChinese("Calendar 'x' has no working day in the 20 years after 2026-01-01"), "日历 'x' 在 2026-01-01 之后的 20 年内没有工作日");
});

test('a reason no entry knows stays English, and an English page keeps them all English', () => {
  assert.equal(dueRefusalInChinese('The due date cannot be counted: something new'), 'something new');
  assert.equal(dueRefusalInChinese(undefined), '');
  const english = "No calendar is called 'workshop'";
  assert.equal(dueRefusalLocalizerFor('en-US')(english), english);
  assert.equal(dueRefusalLocalizerFor('zh-CN')(english), "没有名为 'workshop' 的日历");
});

test('every reason still uses the words of the server: each fixed part of its pattern is in the C# sources', () => {
  const files = ['WorkflowService.Runtime/Calendars/DuePreview.cs', 'WorkflowService.Runtime/Calendars/CalendarStore.cs',
    'WorkflowService.Engine/Calendars/WorkingCalendar.cs'];
  const source = files.map(file => readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')).join('\n');
  assert.ok(source.includes('The due date cannot be counted: '));
  for (const [pattern] of dueRefusalEntries) {
    const parts = pattern.source.replace(/^\^|\$$/g, '').split(/\(\?<\w+>[^)]*\)/)
      .map(part => part.replace(/\\(.)/g, '$1')).filter(part => part.trim().length >= 6);
    assert.ok(parts.length > 0, pattern.source);
    for (const part of parts) assert.ok(source.includes(part), `"${part}" is not in the server's sources`);
  }
});
