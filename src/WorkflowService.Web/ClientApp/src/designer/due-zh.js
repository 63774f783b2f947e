// Why the server would not count a due date (the designer's preview), in Chinese. The server writes English
// (DuePreview, WorkingCalendar, CalendarStore: the API's and the logs' words), so each reason is recognized by
// its sentence, as the findings are (findings-zh.js). A reason no entry knows stays English.

const PREFIX = 'The due date cannot be counted: ';

/** [English pattern (named groups for what varies), Chinese template]. */
export const dueRefusalEntries = [
  [/^'(?<duration>.*)' is not an ISO 8601 duration \(e\.g\. PT4H, P1D, P1DT2H\)$/, "'{duration}' 不是 ISO 8601 时长（例如 PT4H、P1D、P1DT2H）"],
  [/^'(?<duration>.*)' counts years or months, which calendar '(?<calendar>.*)' cannot count in working time: give working days instead \(e\.g\. P20D\)$/,
    "'{duration}' 含年或月，日历 '{calendar}' 无法按工作时间计算：请改用工作日（例如 P20D）"],
  [/^(?<what>\S+) from (?<from>\S+) in calendar '(?<calendar>.*)' reaches beyond the dates a timer can hold \(years 1 to 9999\)$/,
    "在日历 '{calendar}' 中从 {from} 起算 {what}，超出了定时器可表示的日期（公元 1 至 9999 年）"],
  [/^Calendar '(?<calendar>.*)' has no working day in the 20 years after (?<date>\S+)$/, "日历 '{calendar}' 在 {date} 之后的 20 年内没有工作日"],
  [/^No calendar is called '(?<calendar>.*)'$/, "没有名为 '{calendar}' 的日历"],
  [/^Give a duration \(ISO 8601, e\.g\. PT4H or P1D\)$/, '请填写时长（ISO 8601，例如 PT4H 或 P1D）'],
];

function reasonInChinese(reason) {
  for (const [pattern, chinese] of dueRefusalEntries) {
    const match = pattern.exec(reason);
    if (match) return chinese.replace(/{(\w+)}/g, (_, name) => match.groups?.[name] ?? '');
  }
  return reason;
}

/** A refusal's detail in Chinese: each of its reasons ("; " between them), without the "cannot be counted" preamble. */
export function dueRefusalInChinese(detail) {
  const text = detail ?? '';
  if (!text.startsWith(PREFIX)) return reasonInChinese(text);
  return text.slice(PREFIX.length).split('; ').map(reasonInChinese).join('；');
}

/** How the preview shows a refusal to a person of `culture` (the page's lang): Chinese for zh, else as written. */
export function dueRefusalLocalizerFor(culture) {
  return /^zh\b/i.test(culture ?? '') ? dueRefusalInChinese : detail => detail;
}
