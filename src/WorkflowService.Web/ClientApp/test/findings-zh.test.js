import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { codeOf, describeInChinese, findingEntries, findingInChinese, findingsLocalizerFor } from '../src/designer/findings-zh.js';

// One finding of each kind as the server writes it (the parser's sentences, word for word).
const samples = {
  'gateway.no-outgoing': "Exclusive gateway 'checkWarranty' has no outgoing sequence flow",
  'gateway.flow-without-condition': "Sequence flow 'f1' leaves exclusive gateway 'gw' without a condition; add a condition or make it the gateway's default flow",
  'gateway.default-with-condition': "Sequence flow 'f2' is the default flow of exclusive gateway 'gw' and must not have a condition; remove the condition",
  'gateway.default-not-outgoing': "The default flow 'f3' of exclusive gateway 'gw' is not one of its outgoing sequence flows",
  'node.unreachable': "User task 'fixIt' has no incoming sequence flow; it can never be reached",
  'node.no-id': 'Service task without an id; every flow node needs an id',
  'node.id-reused': "Script task 'a' reuses the id of user task 'a' on line 12; ids must be unique",
  'start.incoming': "Start event 'start' has an incoming sequence flow; nothing can flow into a start event",
  'end.outgoing': "End event 'done' has an outgoing sequence flow; a path ends at an end event",
  'boundary.incoming': "Boundary event 'late' has an incoming sequence flow; it is triggered only by its event",
  'boundary.no-outgoing': "Boundary event 'late' has no outgoing sequence flow; connect it to the path to take when it fires",
  'boundary.unattached': "Boundary event 'late' is not attached to an activity; set attachedToRef to the task or subprocess it watches",
  'boundary.no-trigger': "Boundary event 'late' has no event definition; a boundary event needs a timer, message, error or escalation trigger",
  'catch.no-trigger': "Intermediate catch event 'wait' has no event definition; an intermediate catch event waits for a timer or a message",
  'process.no-start': "Process 'repair' has no start event; add a none, message or timer start event",
  'process.many-none-starts': "Process 'repair' has more than one none start event ('s1' and 's2'); keep one, or give the others a message or timer trigger",
  'process.no-id': 'Process without an id; the id is the key the process is started by',
  'subprocess.no-start': "Subprocess 'work' has no start event; add one none start event",
  'subprocess.start-count': "Subprocess 'work' has 2 start events; keep exactly one none start event",
  'timer.missing': "Boundary event 'late' has a timer without timeDate, timeDuration or timeCycle; add one of them",
  'timer.several': "Boundary event 'late' has a timer with more than one of timeDate, timeDuration and timeCycle; keep one",
  'timer.empty': "Boundary event 'late' has an empty timeDuration; write an ISO 8601 value or an expression",
  'timer.invalid': "Boundary event 'late' has an invalid timeDuration 'PT2X': not an ISO 8601 duration",
  'message.missing': "Start event 'm' has no message; choose a message (messageRef) whose name the engine correlates on",
  'message.undefined': "Intermediate catch event 'w' refers to message 'Msg_1', which is not defined in this file; add a message element with a name",
  'error.undefined': "End event 'fail' refers to error 'Err_1', which is not defined in this file",
  'service.no-implementation': 'Service task \'mail\' has no implementation, which is not supported; use camunda:type="external" with a camunda:topic (an external worker or a built-in topic such as send-email does the work)',
  'script.missing': "Script task 'calc' has no script; write the JavaScript to run in its script",
  'script.no-format': "Script task 'calc' has no scriptFormat; it is run as JavaScript",
  'form.field-no-id': "A form field of user task 'accept' has no id; the id is the variable it sets",
  'form.field-type': "Form field 'amount' of user task 'accept' has type 'money'; use string, long, boolean, date or enum",
  'form.enum-no-values': "Enum form field 'kind' of user task 'accept' has no values; add camunda:value entries with an id and a name",
  'form.field-twice': "Form field 'amount' of user task 'accept' is declared twice (first on line 40); field ids must be unique",
  'condition.empty': "Sequence flow 'f1' has an empty condition, which is ignored",
  'condition.plain-text': "The condition of sequence flow 'f1' is plain text 'approved'; write it as an expression, e.g. ${approved}",
  'expression.invalid': "The condition of sequence flow 'f1' is not a valid expression: unexpected end of input",
  'flow.dangling': "Sequence flow 'f9' ends at 'gone', which is not a flow node of process 'repair'",
  'file.no-executable': 'The file has no executable process: mark one process isExecutable="true"',
  'file.several-processes': "The file has 2 executable processes ('a', 'b'); WorkflowService deploys one process per file",
  'file.not-bpmn': "This is not a BPMN 2.0 file: the root element is 'html' in namespace '', expected 'definitions' in namespace 'http://www.omg.org/spec/BPMN/20100524/MODEL'",
  'file.not-xml': 'The document is not well-formed XML (line 3, position 7): unexpected end of file',
  'diagram.no-process': 'The diagram has no process; add a process (its id is the process key)',
  'deploy.errors': 'The BPMN file cannot be deployed: 3 error(s)',
  'key.taken': "Another process already has the id 'repair'; give this process another id (select the canvas background and edit the process ID)",
};

test('every kind of finding is recognized by its own entry, and none by an earlier one', () => {
  for (const [code, message] of Object.entries(samples)) assert.equal(codeOf(message), code, message);
});

test('every entry has a sample finding here, so a new entry is tested too', () => {
  assert.deepEqual(findingEntries.map(e => e.code).sort(), Object.keys(samples).sort());
});

test('a recognized finding reads in Chinese, with no English sentence left', () => {
  for (const message of Object.values(samples)) {
    const chinese = findingInChinese(message);
    assert.notEqual(chinese, message);
    assert.match(chinese, /[\u4e00-\u9fff]/, chinese);
  }
});

test('ids, elements and numbers keep their place in the Chinese sentence', () => {
  assert.equal(findingInChinese(samples['gateway.no-outgoing']), "排他网关 'checkWarranty' 没有传出的顺序流");
  assert.equal(findingInChinese(samples['node.id-reused']), "脚本任务 'a' 与第 12 行的 用户任务 'a' 使用了相同的 id;id 必须唯一");
  assert.equal(findingInChinese(samples['flow.dangling']), "顺序流 'f9' 的终点 'gone' 不是流程 'repair' 中的流程节点");
  assert.equal(findingInChinese(samples['deploy.errors']), 'BPMN 文件无法部署:3 个错误');
});

test('an element is described by its type in Chinese, and an unknown type stays as written', () => {
  assert.equal(describeInChinese("Exclusive gateway 'gw'"), "排他网关 'gw'");
  assert.equal(describeInChinese("boundary event 'late'"), "边界事件 'late'");
  assert.equal(describeInChinese('Service task without an id'), '无 id 的服务任务');
  assert.equal(describeInChinese("Widget 'w'"), "Widget 'w'");
});

test('a finding no entry knows stays English, and nothing is no finding', () => {
  assert.equal(findingInChinese('Something new the parser says'), 'Something new the parser says');
  assert.equal(codeOf('Something new the parser says'), null);
  assert.equal(findingInChinese(undefined), undefined);
});

test('findings are translated for a Chinese culture only', () => {
  const message = samples['gateway.no-outgoing'];
  assert.equal(findingsLocalizerFor('zh-CN')(message), "排他网关 'checkWarranty' 没有传出的顺序流");
  assert.equal(findingsLocalizerFor('en')(message), message);
  assert.equal(findingsLocalizerFor(undefined)(message), message);
});

test('every entry still uses the words of the server: each fixed part of its pattern is in the C# sources', () => {
  // The sentences are written in the engine's parser and the runtime's definitions (C#, "\"" unescaped).
  const folders = ['WorkflowService.Engine/Parsing', 'WorkflowService.Runtime/Definitions']
    .map(folder => new URL(`../../../${folder}/`, import.meta.url));
  const source = folders.flatMap(folder => readdirSync(folder).filter(f => f.endsWith('.cs'))
    .map(f => readFileSync(new URL(f, folder), 'utf8'))).join('\n').replaceAll('\\"', '"');
  for (const { code, english } of findingEntries) {
    // Fixed parts: the text between the groups, split where the server joins a constant ("'{text}'; use {SupportedTypes}").
    const parts = english.split(/\(\?<\w+>(?:EL|ID|[^)]*)\)/)
      .flatMap(part => part.replace(/\\(.)/g, '$1').split('; ').map(piece => piece.replace(/^use /, '')))
      .filter(part => part.trim().length >= 6);
    assert.ok(parts.length > 0, code);
    for (const part of parts) assert.ok(source.includes(part), `${code}: "${part}" is not in the server's sources`);
  }
});
