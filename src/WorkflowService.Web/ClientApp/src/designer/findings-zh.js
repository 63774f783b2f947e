// The server's validation findings in Chinese. The parser writes English sentences without a code
// (the server's texts stay English: they are also the API's and the logs'), so each finding is
// recognized by its sentence: one entry per kind of finding, named by a code, with the English
// pattern (named groups for what varies: `(?<el>EL)` an element, `(?<id>ID)` an id) and the
// Chinese template. Element descriptions in a finding ("Exclusive gateway 'checkWarranty'",
// "user task 'x'") are translated by their type.
// A finding no entry knows stays English. The refusals of what the engine does not run are in
// findings-zh-refusals.js, the findings on tasks, timers, forms and files in findings-zh-details.js.

import { detailEntries, publicationRefusals } from './findings-zh-details.js';
import { refusalEntries } from './findings-zh-refusals.js';

/** The element types as the parser names them (ElementLabels.Label), lower-cased. */
const types = {
  'process': '流程', 'definitions': '定义', 'task': '任务', 'user task': '用户任务', 'service task': '服务任务',
  'script task': '脚本任务', 'send task': '发送任务', 'receive task': '接收任务', 'manual task': '手工任务',
  'business rule task': '业务规则任务', 'call activity': '调用活动', 'subprocess': '子流程',
  'ad-hoc subprocess': '临时子流程', 'transaction': '事务', 'start event': '开始事件', 'end event': '结束事件',
  'intermediate catch event': '中间捕获事件', 'intermediate throw event': '中间抛出事件', 'boundary event': '边界事件',
  'exclusive gateway': '排他网关', 'parallel gateway': '并行网关', 'inclusive gateway': '包容网关',
  'event based gateway': '事件网关', 'event-based gateway': '事件网关', 'complex gateway': '复杂网关',
  'sequence flow': '顺序流', 'implicit throw event': '隐式抛出事件', 'call choreography': '调用编排',
  'sub choreography': '子编排', 'choreography task': '编排任务',
};

/** Event kinds as the parser names them (TriggerReader.Kind), and the other words a template translates. */
const words = {
  none: '空', terminate: '终止', timer: '定时器', message: '消息', error: '错误', escalation: '升级',
  starts: '起点', ends: '终点',
  'whole number': '整数', 'non-negative whole number': '非负整数', 'ISO 8601 date': 'ISO 8601 日期',
  'every flow out of a parallel gateway is taken': '并行网关的每条传出流都会执行',
  'an event-based gateway follows the first event that occurs': '事件网关只沿最先发生的事件继续',
};
/** The groups whose value is one of the words above. */
const translatedGroups = new Set(['verb', 'trigger', 'needed', 'because']);

// An element as the parser describes it: "User task 'x'", "boundary event 'late'", "Task without an id".
const EL = String.raw`[A-Za-z][A-Za-z-]*(?: [a-z-]+)*? (?:'[^']*'|without an id)`;
const ID = String.raw`[^']*`;

/** [code, English pattern (EL and ID stand for an element and an id), Chinese template]. */
const coreEntries = [
  ['gateway.no-outgoing', `Exclusive gateway '(?<id>ID)' has no outgoing sequence flow`, "排他网关 '{id}' 没有传出的顺序流"],
  ['gateway.flow-without-condition',
    `Sequence flow '(?<id>ID)' leaves exclusive gateway '(?<gw>ID)' without a condition; add a condition or make it the gateway's default flow`,
    "顺序流 '{id}' 离开排他网关 '{gw}' 时没有条件;请添加条件,或将其设为该网关的默认流"],
  ['gateway.default-with-condition',
    `Sequence flow '(?<id>ID)' is the default flow of exclusive gateway '(?<gw>ID)' and must not have a condition; remove the condition`,
    "顺序流 '{id}' 是排他网关 '{gw}' 的默认流,不能带条件;请删除条件"],
  ['gateway.default-not-outgoing',
    `The default flow '(?<id>ID)' of exclusive gateway '(?<gw>ID)' is not one of its outgoing sequence flows`,
    "排他网关 '{gw}' 的默认流 '{id}' 不是它的传出顺序流"],
  ['node.unreachable', `(?<el>EL) has no incoming sequence flow; it can never be reached`, '{el} 没有传入的顺序流,永远不会被执行到'],
  ['node.no-id', `(?<el>EL); every flow node needs an id`, '{el};每个流程节点都需要 id'],
  ['node.id-reused', `(?<el>EL) reuses the id of (?<el2>EL) on line (?<line>\\d+); ids must be unique`,
    '{el} 与第 {line} 行的 {el2} 使用了相同的 id;id 必须唯一'],
  ['start.incoming', `Start event '(?<id>ID)' has an incoming sequence flow; nothing can flow into a start event`,
    "开始事件 '{id}' 有传入的顺序流;开始事件不能有传入的流"],
  ['end.outgoing', `End event '(?<id>ID)' has an outgoing sequence flow; a path ends at an end event`,
    "结束事件 '{id}' 有传出的顺序流;路径在结束事件处结束"],
  ['boundary.incoming', `Boundary event '(?<id>ID)' has an incoming sequence flow; it is triggered only by its event`,
    "边界事件 '{id}' 有传入的顺序流;它只由自身的事件触发"],
  ['boundary.no-outgoing', `Boundary event '(?<id>ID)' has no outgoing sequence flow; connect it to the path to take when it fires`,
    "边界事件 '{id}' 没有传出的顺序流;请把它连接到触发后要走的路径"],
  ['boundary.unattached', `(?<el>EL) is not attached to an activity; set attachedToRef to the task or subprocess it watches`,
    '{el} 没有附着在活动上;请把它附着到要监控的任务或子流程上'],
  ['boundary.no-trigger', `(?<el>EL) has no event definition; a boundary event needs a timer, message, error or escalation trigger`,
    '{el} 没有事件定义;边界事件需要定时器、消息、错误或升级触发器'],
  ['catch.no-trigger', `(?<el>EL) has no event definition; an intermediate catch event waits for a timer or a message`,
    '{el} 没有事件定义;中间捕获事件等待定时器或消息'],
  ['process.no-start', `Process '(?<id>ID)' has no start event; add a none, message or timer start event`,
    "流程 '{id}' 没有开始事件;请添加空开始事件、消息开始事件或定时器开始事件"],
  ['process.many-none-starts',
    `Process '(?<id>ID)' has more than one none start event \\('(?<a>ID)' and '(?<b>ID)'\\); keep one, or give the others a message or timer trigger`,
    "流程 '{id}' 有多个空开始事件('{a}' 和 '{b}');只保留一个,或给其余的加上消息或定时器触发器"],
  ['process.no-id', 'Process without an id; the id is the key the process is started by', '流程没有 id;id 是启动流程所用的键'],
  ['subprocess.no-start', `Subprocess '(?<id>ID)' has no start event; add one none start event`,
    "子流程 '{id}' 没有开始事件;请添加一个空开始事件"],
  ['subprocess.start-count', `Subprocess '(?<id>ID)' has (?<n>\\d+) start events; keep exactly one none start event`,
    "子流程 '{id}' 有 {n} 个开始事件;只保留一个空开始事件"],
  ['timer.missing', `(?<el>EL) has a timer without timeDate, timeDuration or timeCycle; add one of them`,
    '{el} 的定时器没有 timeDate、timeDuration 或 timeCycle;请添加其中之一'],
  ['timer.several', `(?<el>EL) has a timer with more than one of timeDate, timeDuration and timeCycle; keep one`,
    '{el} 的定时器同时设置了 timeDate、timeDuration、timeCycle 中的多项;只保留一项'],
  ['timer.empty', `(?<el>EL) has an empty (?<kind>\\w+); write an ISO 8601 value or an expression`,
    '{el} 的 {kind} 为空;请填写 ISO 8601 值或表达式'],
  ['timer.invalid', `(?<el>EL) has an invalid (?<kind>\\w+) '(?<value>.*)': (?<problem>.*)`, "{el} 的 {kind} '{value}' 无效:{problem}"],
  ['message.missing', `(?<el>EL) has no message; choose a message \\(messageRef\\) whose name the engine correlates on`,
    '{el} 没有消息;请选择一个消息(messageRef),引擎按其名称关联'],
  ['message.undefined', `(?<el>EL) refers to message '(?<ref>ID)', which is not defined in this file; add a message element with a name`,
    "{el} 引用的消息 '{ref}' 在本文件中未定义;请添加一个带名称的消息元素"],
  ['error.undefined', `(?<el>EL) refers to error '(?<ref>ID)', which is not defined in this file`, "{el} 引用的错误 '{ref}' 在本文件中未定义"],
  ['service.no-implementation', `(?<el>EL) has no implementation, which is not supported; use camunda:type="external" with a camunda:topic \\(an external worker or a built-in topic such as send-email does the work\\)`,
    '{el} 没有实现,不受支持;请使用 camunda:type="external" 并填写 camunda:topic(由外部工作者或内置主题如 send-email 执行)'],
  ['script.missing', `(?<el>EL) has no script; write the JavaScript to run in its script`, '{el} 没有脚本;请在脚本中写出要运行的 JavaScript'],
  ['script.no-format', `(?<el>EL) has no scriptFormat; it is run as JavaScript`, '{el} 没有 scriptFormat;将按 JavaScript 运行'],
  ['form.field-no-id', `A form field of (?<el>EL) has no id; the id is the variable it sets`, '{el} 的一个表单字段没有 id;id 是它设置的变量'],
  ['form.field-type', `Form field '(?<id>ID)' of (?<el>EL) has type '(?<type>ID)'; use string, long, boolean, date or enum`,
    "{el} 的表单字段 '{id}' 的类型 '{type}' 不受支持;请使用 string、long、boolean、date 或 enum"],
  ['form.enum-no-values', `Enum form field '(?<id>ID)' of (?<el>EL) has no values; add camunda:value entries with an id and a name`,
    "{el} 的枚举表单字段 '{id}' 没有选项;请添加带 id 和 name 的 camunda:value"],
  ['form.field-twice', `Form field '(?<id>ID)' of (?<el>EL) is declared twice \\(first on line (?<line>\\d+)\\); field ids must be unique`,
    "{el} 的表单字段 '{id}' 声明了两次(第一次在第 {line} 行);字段 id 必须唯一"],
  ['condition.empty', `Sequence flow '(?<id>ID)' has an empty condition, which is ignored`, "顺序流 '{id}' 的条件为空,将被忽略"],
  ['condition.plain-text', `The condition of sequence flow '(?<id>ID)' is plain text '(?<text>.*)'; write it as an expression, e.g. (?<example>.*)`,
    "顺序流 '{id}' 的条件是纯文本 '{text}';请写成表达式,例如 {example}"],
  ['expression.invalid', `The (?<what>[a-zA-Z: ]+?) of (?<el>EL) is not a valid expression: (?<problem>.*)`, '{el} 的 {what} 不是有效的表达式:{problem}'],
  ['flow.dangling', `Sequence flow '(?<id>ID)' (?<verb>starts|ends) at '(?<node>ID)', which is not a flow node of process '(?<process>ID)'`,
    "顺序流 '{id}' 的{verb} '{node}' 不是流程 '{process}' 中的流程节点"],
  ['file.no-executable', 'The file has no executable process: mark one process isExecutable="true"',
    '文件中没有可执行的流程:请将一个流程标记为 isExecutable="true"'],
  ['file.several-processes', `The file has (?<n>\\d+) executable processes \\((?<ids>.*)\\); WorkflowService deploys one process per file`,
    '文件中有 {n} 个可执行流程({ids});WorkflowService 每个文件只部署一个流程'],
  ['file.not-bpmn', `This is not a BPMN 2.0 file: the root element is '(?<root>ID)' in namespace '(?<ns>ID)', expected 'definitions' in namespace '(?<bpmn>ID)'`,
    "这不是 BPMN 2.0 文件:根元素是命名空间 '{ns}' 中的 '{root}',应为命名空间 '{bpmn}' 中的 'definitions'"],
  ['file.not-xml', `The document is not well-formed XML \\(line (?<line>\\d+)(?<position>, position \\d+)?\\): (?<reason>.*)`,
    'XML 格式不正确(第 {line} 行{position}):{reason}'],
  ['diagram.no-process', 'The diagram has no process; add a process (its id is the process key)', '图中没有流程;请添加一个流程(其 id 即流程键)'],
  ['deploy.errors', `The BPMN file cannot be deployed: (?<n>\\d+) error\\(s\\)`, 'BPMN 文件无法部署:{n} 个错误'],
  ['key.taken',
    `Another process already has the id '(?<id>ID)'; give this process another id \\(select the canvas background and edit the process ID\\)`,
    "已有另一个流程使用 id '{id}';请给本流程换一个 id(选中画布空白处,编辑流程 ID)"],
];

const entries = [...coreEntries, ...refusalEntries, ...detailEntries];

const escapeLiteral = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern's groups `(?<name>EL)` and `(?<name>ID)` filled in; a sentence without groups is literal. */
function compile(english) {
  if (!english.includes('(?<')) return new RegExp(`^${escapeLiteral(english)}$`);
  return new RegExp(`^${english.replace(/\(\?<(\w+)>(EL|ID)\)/g, (_, name, kind) => `(?<${name}>${kind === 'EL' ? EL : ID})`)}$`);
}

/** The compiled entries, tried in order. */
export const findingEntries = entries.map(([code, english, chinese]) => ({ code, english, pattern: compile(english), chinese }));

/** "Exclusive gateway 'x'" → "排他网关 'x'"; a type the table lacks stays English. */
export function describeInChinese(element) {
  const unnamed = element.match(/^(.*) without an id$/);
  const [type, rest] = unnamed ? [unnamed[1], null] : [element.slice(0, element.indexOf(" '")), element.slice(element.indexOf(" '"))];
  const chinese = types[type.toLowerCase()] ?? type;
  return unnamed ? `无 id 的${chinese}` : `${chinese}${rest}`;
}

/** The code of the entry that recognizes an English finding, or null. */
export function codeOf(message) {
  return findingEntries.find(e => e.pattern.test(message ?? ''))?.code ?? null;
}

/** A quoted text by the first [pattern, template] of `table` that matches it; the text itself when none does. */
function fill(table, text) {
  const found = table.map(([pattern, chinese]) => [pattern.exec(text), chinese]).find(([match]) => match);
  return found ? found[1].replace(/{(\w+)}/g, (_, name) => found[0].groups?.[name] ?? '') : text;
}

/** An English finding in Chinese; the message itself when no entry recognizes it. */
export function findingInChinese(message) {
  for (const { pattern, chinese } of findingEntries) {
    const match = pattern.exec(message ?? '');
    if (!match) continue;
    const groups = match.groups ?? {};
    return chinese.replace(/{(\w+)}/g, (_, name) => {
      const value = groups[name] ?? '';
      if (/^el\d*$/.test(name)) return describeInChinese(value);
      if (translatedGroups.has(name)) return words[value] ?? value;
      if (name === 'which') return value.replaceAll(' and ', ' 和 ');
      if (name === 'refused') return fill(publicationRefusals, value);
      if (name === 'position') return value.replace(/^, position (\d+)$/, ',第 $1 列');
      if (name === 'parameterPart') return value.replace(/^parameter '/, "参数 '").replace(/, entry '/, " 的条目 '");
      return value;
    });
  }
  return message;
}

/** How the designer shows a finding to a person of `culture`: Chinese for zh, else as the server wrote it. */
export function findingsLocalizerFor(culture) {
  return /^zh\b/i.test(culture ?? '') ? findingInChinese : message => message;
}
