import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { codeOf, describeInChinese, findingEntries, findingInChinese, findingsLocalizerFor } from '../src/designer/findings-zh.js';
import { publicationRefusals } from '../src/designer/findings-zh-details.js';

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
  'unsupported.listeners': "User task 'check' has camunda:taskListener and camunda:executionListener: listeners are not supported; put the work in the flow as a script task or an external service task",
  'unsupported.multi-instance': "User task 'inspect': multi-instance activities are not supported; use a parallel gateway with one branch per case, or loop back through an exclusive gateway",
  'unsupported.loop': "Subprocess 'retry': loop activities are not supported; loop back through an exclusive gateway with a condition",
  'unsupported.inclusive-gateway': "Inclusive gateway 'which': inclusive gateways are not supported; use exclusive gateways, or a parallel gateway when every branch runs",
  'unsupported.complex-gateway': "Complex gateway 'cx': complex gateways are not supported; use exclusive or parallel gateways",
  'unsupported.business-rule-task': "Business rule task 'price': DMN decisions are not supported; use an exclusive gateway with conditions, or an external service task",
  'unsupported.call-activity': "Call activity 'sub': call activities are not supported; model the steps in an embedded subprocess, or start the other process from an external service task",
  'unsupported.receive-task': "Receive task 'wait': receive tasks are not supported; use a message intermediate catch event",
  'unsupported.transaction': "Transaction 'pay': transactions are not supported; use an embedded subprocess with error boundary events",
  'unsupported.ad-hoc-subprocess': "Ad-hoc subprocess 'free': ad-hoc subprocesses are not supported; use an embedded subprocess with sequence flows, or parallel user tasks",
  'unsupported.event-subprocess': "Subprocess 'onCancel': event subprocesses are not supported; use boundary events on an embedded subprocess or on the tasks",
  'unsupported.choreography': "Choreography task 'c': choreographies are not supported; model the process of one participant",
  'unsupported.implicit-throw-event': "Implicit throw event 'i': implicit throw events are not supported; use an intermediate throw event",
  'unsupported.element': "Data store 'db': 'dataStore' is not a BPMN element this engine runs; use tasks, user tasks, external service tasks, script tasks, exclusive/parallel/event-based gateways, timer and message events, or embedded subprocesses",
  'unsupported.signal': "Boundary event 'sig': signal events are not supported; use a message event",
  'unsupported.conditional': "Intermediate catch event 'when': conditional events are not supported; use an exclusive gateway with conditions, or a timer that re-checks",
  'unsupported.link': "Intermediate throw event 'goto': link events are not supported; connect the two points with a sequence flow",
  'unsupported.compensation': "End event 'undo': compensation is not supported; model the undo steps explicitly, for example after an error boundary event",
  'unsupported.cancel': "End event 'stop': cancel events are not supported; use an error end event and an error boundary event",
  'event.definition-unsupported': "Start event 's' has a fooEventDefinition, which is not supported; use a timer, message, error or escalation event",
  'event.several-definitions': "Start event 's' has 2 event definitions; multiple events are not supported: use one event per trigger",
  'event.definition-undefined': "Boundary event 'late' refers to event definition 'Def_1', which is not defined in this file",
  'start.trigger-in-subprocess': "Start event 'inner' in subprocess 'work' has a timer trigger; a subprocess starts with a none start event: put the trigger on a boundary event or an intermediate catch event",
  'start.form-in-subprocess': "Start event 'inner' in subprocess 'work' has a start form, which is ignored: nobody starts a subprocess by hand; ask in a user task instead",
  'start.unsupported-trigger': "Start event 's': error start events are not supported; use a none, message or timer start event",
  'end.message': 'End event \'notify\': message end events are not supported; use a send task with camunda:type="external" and a camunda:topic before a none end event',
  'end.unsupported-trigger': "End event 'e': timer end events are not supported; use a none, terminate, error or escalation end event",
  'catch.unsupported-trigger': "Intermediate catch event 'c': error catch events are not supported; use a timer or message catch event, or a boundary event",
  'throw.message': 'Intermediate throw event \'tell\': message throw events are not supported; use a send task with camunda:type="external" and a camunda:topic',
  'throw.unsupported-trigger': "Intermediate throw event 't': error throw events are not supported; use a none or escalation throw event, or an end event",
  'boundary.unsupported-trigger': "Boundary event 'b': terminate boundary events are not supported; use a timer, message, error or escalation boundary event",
  'boundary.error-non-interrupting': 'Boundary event \'fail\' catches an error, which always interrupts the activity; cancelActivity="false" is ignored',
  'boundary.host-unknown': "Boundary event 'late' is attached to 'gone', which is not an activity of process 'repair'",
  'boundary.host-not-activity': "Boundary event 'late' is attached to exclusive gateway 'gw'; boundary events can only be attached to tasks and subprocesses",
  'boundary.host-other-scope': "Boundary event 'late' is attached to user task 'fix' in another scope; place the boundary event next to the activity it watches",
  'error.no-ref': "End event 'fail' throws an error without errorRef; choose an error with an error code",
  'escalation.no-ref': "End event 'up' throws an escalation without escalationRef; choose an escalation with an escalation code",
  'escalation.undefined': "End event 'up' refers to escalation 'Esc_1', which is not defined in this file",
  'message.start-expression': "Start event 'm' starts on message '${kind}Received', an expression: before the start there are no variables to evaluate it with; give the message a plain name",
  'gateway.event-based-instantiating': "Event based gateway 'first': instantiating or parallel event-based gateways are not supported; start the process with message start events",
  'gateway.event-based-outgoing': "Event-based gateway 'first' has 1 outgoing sequence flow; it needs at least two, each to a timer or message intermediate catch event",
  'gateway.event-based-target': "Event-based gateway 'first' leads to user task 'fix'; it may only lead to timer or message intermediate catch events",
  'service.unsupported-implementation': "Service task 'bill': camunda:class is not supported; use camunda:type=\"external\" with a camunda:topic (an external worker or a built-in topic such as send-email does the work)",
  'service.no-topic': "Send task 'mail' has camunda:type=\"external\" but no camunda:topic; name the topic its worker (or a built-in handler such as send-email) takes work from",
  'script.external': "Script task 'calc': external scripts (camunda:resource) are not supported; use JavaScript written inline in the script task",
  'script.language': "Script task 'calc' is written in 'groovy', which is not supported; use JavaScript",
  'script.cannot-run': "The script of script task 'calc' cannot run: Unexpected token ')' at line 1",
  'io.on-other-task': "User task 'accept' has camunda:inputOutput, which is only supported on service and send tasks with camunda:type=\"external\"; set variables in a script task or through the task's form",
  'io.no-name': "An inputParameter of service task 'mail' has no name; the name is the variable it sets",
  'io.several-values': "The parameter 'to' of service task 'mail' has 2 values; wrap several values in one camunda:list",
  'io.script': "The parameter 'to' of service task 'mail' uses a camunda:script, which is not supported in input/output parameters; use an expression such as ${customer.email}",
  'io.unsupported-content': "The parameter 'to' of service task 'mail' contains camunda:foo, which is not supported; use text, an expression, camunda:list or camunda:map",
  'io.map-entry-no-key': "A map entry in the parameter 'headers' of service task 'mail' has no key",
  'node.default-flow-unsupported': "Parallel gateway 'split' has a default sequence flow, which is only supported on exclusive gateways; put an exclusive gateway after it",
  'timer.cron': "Start event 'nightly' has a cron timeCycle '0 0 2 * * ?'; cron is not supported: use an ISO 8601 repeating interval such as R/PT1H or R5/2025-01-06T09:00:00Z/P1D",
  'timer.unpublishable': "Boundary event 'late' has a timeDuration 'P2000Y' that cannot be published: 'P2000Y' is longer than 1,000 years; no workflow waits that long",
  'date.invalid': "The camunda:dueDate of user task 'accept' is neither an ISO 8601 duration nor a date-time ('tomorrow'): not a duration",
  'date.unpublishable': "The camunda:dueDate of user task 'accept' cannot be published: 'P2000Y' is longer than 1,000 years; no workflow waits that long",
  'priority.invalid': "The camunda:priority of user task 'accept' must be a whole number or an expression, not 'high'",
  'condition.from-file': "Sequence flow 'f1' takes its condition from a file (camunda:resource), which is not supported; write the condition inline",
  'condition.language': "The condition of sequence flow 'f1' is written in 'juel', which is not supported; use JavaScript, e.g. ${approved}",
  'condition.ignored': "The condition of sequence flow 'f1' is ignored: every flow out of a parallel gateway is taken (parallel gateway 'split')",
  'form.member-of-type': "Form field 'engineer' of user task 'assign' chooses a member of 'engineers' (memberOf) but has type 'enum'; a person is chosen by user name: use type string",
  'form.constraint-config': "The min constraint of form field 'amount' of user task 'accept' needs a whole number as config, not 'ten'",
  'form.constraint-type': "The max constraint of form field 'note' of user task 'accept' only applies to long and date fields; use minlength/maxlength for text",
  'form.constraint-unsupported': "Form field 'note' of user task 'accept' has an unsupported constraint 'pattern'; use required, readonly, min, max, minlength or maxlength",
  'form.value-no-id': "A value of form field 'kind' of user task 'accept' has no id; the id is what the field stores",
  'form.property-no-id': "A form property of user task 'accept' has no id; the id is the variable it sets",
  'form.property-attribute-ignored': "The variable attribute of form property 'amount' of user task 'accept' is ignored; the field id is the variable name",
  'user.completed-by-name': "User task 'accept': property completedByVariable must name a variable (letters, digits, _ and $, not starting with a digit), not '1st'",
  'user.completed-by-overwrites': "User task 'accept': form field 'who' would be overwritten with the user who completes the task (property completedByVariable); remove the field or make it readonly",
  'user.role-ignored': "The potentialOwner of user task 'accept' has no resourceAssignmentExpression and is ignored; use camunda:assignee or camunda:candidateGroups",
  'flow.no-end': "Sequence flow 'f1' has no targetRef; connect both of its ends",
  'flow.no-id': "Sequence flow from 'a' to 'b' has no id; it is called 'a_to_b'",
  'flow.crosses-subprocess': "Sequence flow 'f1' crosses a subprocess boundary from user task 'a' to script task 'b'; connect the subprocess itself, or use its start and end events",
  'process.defined-twice': "Process 'repair' is defined twice; process ids must be unique",
  'process.not-executable': "Process 'repair' is not marked isExecutable=\"true\"; it is checked and run as if it were",
  'process.names-expression': "camunda:candidateStarterGroups of process 'repair' is an expression ('${groups}'); list the names, separated by commas",
  'file.no-process-to-run': 'The file has no process to run: no process is marked isExecutable="true" and none has flow elements',
  'diagram.several-processes': "The diagram has 2 executable processes ('a', 'b'); WorkflowService keeps one process per file",
  'diagram.process-no-id': 'The process has no id; the id is the key the process is started by',
  'diagram.id-too-long': 'The process id is longer than 100 characters',
  'diagram.not-bpmn': "This is not a BPMN 2.0 file: the root element is 'html', expected BPMN 'definitions'",
  'file.too-large': 'The document is larger than the 4 MB limit',
  'file.too-many-elements': 'The document has more than 50,000 elements (line 9000)',
  'file.too-deep': 'Elements are nested deeper than 64 levels (line 80)',
  'file.dtd': 'DTDs are not allowed (line 2)',
  'file.unreadable': 'The document could not be read: Stream was closed',
  'file.parser-failed': 'The parser failed on this document (InvalidOperationException: boom)',
  'file.none': 'No document was given',
  'sla.process-empty-calendar': "Process 'repair' has an empty calendar property; name a business calendar or remove it",
  'sla.empty-calendar': "Boundary event 'late' has an empty calendar property; name a business calendar, or 'none' for real time",
  'sla.calendar-not-counted': "Script task 'calc' has a calendar, but only timer events and user tasks (their due date) count in one",
  'sla.calendar-on-date': "Boundary event 'late' has a calendar, but its timer is a date, which a calendar does not move",
  'sla.calendar-units': "Boundary event 'late' counts 'P1M' in a business calendar; write working days and hours (e.g. P5D, PT4H), not years, months or weeks",
  'sla.warn-without-sla': "Boundary event 'late' has warnAt, but only a timer event with an sla rule warns before its breach",
  'sla.warn-not-percent': "Boundary event 'late': warnAt 'half': 'half' is not a percentage from 1% to 99% (expected e.g. 50%,75%)",
  'sla.warn-not-rising': "Boundary event 'late': warnAt '75%,50%': the marks must rise, each once (50% after 75%)",
  'sla.count-from-not-counted': "Boundary event 'late' has countFrom, but only a duration timer or a user task with a due date counts from an instant",
  'sla.count-from-empty': "Boundary event 'late' has an empty countFrom; write an ISO 8601 date or an expression such as ${receivedAt}",
  'sla.count-from-invalid': "Boundary event 'late': countFrom 'soon' is not an ISO 8601 date-time (expected e.g. 2026-03-01T09:00:00Z or 2026-03-01)",
  'sla.pause-value': "User task 'wait' has slaPause 'yes'; write true or false",
  'sla.pause-element': "Exclusive gateway 'choose' has slaPause, but only a user task, an external task, an intermediate catch event or an event-based gateway waits for someone else",
  'calendar.undefined': "Boundary event 'late' counts in business calendar 'nowhere', which is not defined; define it first (Admin → Calendars) or correct the name",
  'calendar.process-undefined': "Process 'repair' counts its timers in business calendar 'nowhere', which is not defined; define it first (Admin → Calendars) or correct the name",
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
  assert.equal(findingInChinese(samples['file.not-xml']), 'XML 格式不正确(第 3 行,第 7 列):unexpected end of file');
  assert.equal(findingInChinese('The document is not well-formed XML (line 3): unexpected end of file'), 'XML 格式不正确(第 3 行):unexpected end of file');
  assert.equal(findingInChinese(samples['start.trigger-in-subprocess']),
    "子流程 'work' 中的 开始事件 'inner' 带有定时器触发器;子流程以空开始事件开始:请把触发器放到边界事件或中间捕获事件上");
  assert.equal(findingInChinese(samples['boundary.host-not-activity']),
    "边界事件 'late' 附着在 排他网关 'gw' 上;边界事件只能附着在任务和子流程上");
});

test('a refusal names the listeners in Chinese and what to draw instead', () => {
  assert.equal(findingInChinese(samples['unsupported.listeners']),
    "用户任务 'check' 带有 camunda:taskListener 和 camunda:executionListener:不支持监听器;请把这些工作作为脚本任务或外部服务任务放进流程");
  assert.equal(findingInChinese(samples['unsupported.multi-instance']),
    "用户任务 'inspect':不支持多实例活动;请使用并行网关(每种情况一个分支),或经排他网关循环返回");
  assert.equal(findingInChinese(samples['end.unsupported-trigger']), "结束事件 'e':不支持定时器结束事件;请使用空、终止、错误或升级结束事件");
});

test('the details of tasks, forms and timers read in Chinese, with what the server quotes kept', () => {
  assert.equal(findingInChinese(samples['io.map-entry-no-key']), "服务任务 'mail' 的 参数 'headers' 中有一个映射条目没有键");
  assert.equal(findingInChinese("The parameter 'to', entry 'cc' of service task 'mail' has 2 values; wrap several values in one camunda:list"),
    "服务任务 'mail' 的 参数 'to' 的条目 'cc' 有 2 个值;请把多个值放进一个 camunda:list");
  assert.equal(findingInChinese(samples['form.constraint-config']),
    "用户任务 'accept' 的表单字段 'amount' 的 min 约束需要整数作为配置,而不是 'ten'");
  assert.equal(findingInChinese(samples['condition.ignored']),
    "顺序流 'f1' 的条件将被忽略:并行网关的每条传出流都会执行(并行网关 'split')");
  assert.equal(findingInChinese(samples['flow.crosses-subprocess']),
    "顺序流 'f1' 从 用户任务 'a' 跨越子流程边界到 脚本任务 'b';请连接子流程本身,或使用它的开始和结束事件");
  assert.equal(findingInChinese(samples['timer.unpublishable']),
    "边界事件 'late' 的 timeDuration 'P2000Y' 无法发布:'P2000Y' 超过 1,000 年;没有工作流会等那么久");
});

test('the SLA findings read in Chinese with what the owner wrote kept', () => {
  assert.equal(findingInChinese(samples['sla.warn-not-rising']),
    "边界事件 'late':warnAt '75%,50%' 的提醒点须从小到大排列,每个只出现一次(50% 在 75% 之后)");
  assert.equal(findingInChinese(samples['calendar.undefined']),
    "边界事件 'late' 使用的工作日历 'nowhere' 尚未定义;请先定义它(管理 → 工作日历),或更正名称");
});

test('a timer publication refusal is translated too, and one no pattern knows stays as the server wrote it', () => {
  const refused = reason => findingInChinese(`Start event 'tick' has a timeCycle 'R/PT0.5S' that cannot be published: ${reason}`);
  assert.equal(refused("'R/PT0.5S' repeats every PT0.5S: a cycle must wait at least one second between firings"),
    "开始事件 'tick' 的 timeCycle 'R/PT0.5S' 无法发布:'R/PT0.5S' 每 PT0.5S 重复一次:两次触发之间至少要间隔一秒");
  assert.equal(refused("'R/P2000Y' repeats every P2000Y, longer than 1,000 years"),
    "开始事件 'tick' 的 timeCycle 'R/PT0.5S' 无法发布:'R/P2000Y' 每 P2000Y 重复一次,间隔超过 1,000 年");
  assert.equal(refused('a new reason'), "开始事件 'tick' 的 timeCycle 'R/PT0.5S' 无法发布:a new reason");
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
  // The sentences are written in the engine's parser, the SLA properties' reader (warnAt) and the runtime's
  // definitions (C#, "\"" unescaped).
  const folders = ['WorkflowService.Engine/Parsing', 'WorkflowService.Engine/Model', 'WorkflowService.Runtime/Definitions']
    .map(folder => new URL(`../../../${folder}/`, import.meta.url));
  const source = folders.flatMap(folder => readdirSync(folder).filter(f => f.endsWith('.cs'))
    .map(f => readFileSync(new URL(f, folder), 'utf8'))).join('\n').replaceAll('\\"', '"');
  for (const { code, english } of findingEntries) {
    // Fixed parts: the text between the groups, split where the server joins a constant ("'{text}'; use {SupportedTypes}",
    // "{Describe(element)}: {Listeners}", or a pattern's non-capturing group: "{SendTaskInstead}(?: before a none end event)").
    const parts = english.split(/\(\?<\w+>(?:EL|ID|[^)]*)\)|(?<!\\)\(\?:|(?<!\\)\)/)
      .flatMap(part => part.replace(/\\(.)/g, '$1').split(/; |: /).map(piece => piece.replace(/^use /, '')))
      .filter(part => part.trim().length >= 6);
    assert.ok(parts.length > 0, code);
    for (const part of parts) assert.ok(source.includes(part), `${code}: "${part}" is not in the server's sources`);
  }
});

test('every timer publication refusal still uses the words of the server (the engine\'s timer schedule)', () => {
  const source = readFileSync(new URL('../../../WorkflowService.Engine/Timers/TimerSchedule.cs', import.meta.url), 'utf8');
  for (const [pattern] of publicationRefusals) {
    const parts = pattern.source.replace(/^\^|\$$/g, '').split(/\(\?<\w+>[^)]*\)/).filter(part => part.length >= 6);
    assert.ok(parts.length > 0, pattern.source);
    for (const part of parts) assert.ok(source.includes(part), `"${part}" is not in TimerSchedule.cs`);
  }
});
