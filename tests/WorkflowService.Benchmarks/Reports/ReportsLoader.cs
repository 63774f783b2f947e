using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using WorkflowService.AfterSales;
using WorkflowService.AfterSales.Persistence;
using WorkflowService.Benchmarks.Runtime;
using WorkflowService.Engine.Execution;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Benchmarks.Reports;

/// <summary>What the load wrote that the KPIs count, to compare with what <c>KpiReport</c> answers.</summary>
internal sealed record LoadedMonth(int Orders, int Calls, int Instances, int HistoryRows, int Tasks, int Timers, int Breaches);

/// <summary>
/// A month of the department's work as the processes leave it, written in bulk (<see cref="BulkRows"/>): work orders of
/// the four types received through the month, each with its finished instance (state with the variables its forms set,
/// satisfaction and engineer included), its history (every element entered and left on its path), its completed user
/// tasks and its rule timers (fired where the rule was broken, else cancelled), and the breaches of a realistic share
/// (about 5–10 % per rule, charged to an engineer or agent); hotline calls with their answerCall task, of which a few
/// rang too long; the slips of most repairs. Events run up to a couple of weeks past the month, as real work does.
/// </summary>
internal static class ReportsLoader
{
    private const int Chunk = 2_000;

    // The shipped processes' elements on their usual path (ids from workflows/*.bpmn); user tasks marked with '*'.
    private static readonly string[] RepairPath =
    [
        "repairRequested", "*acceptRequest", "*dispatchEngineer", "locationGateway", "*bookAppointment", "*confirmArrival", "workStartsMerge",
        "repairStarted", "*assessFault", "warrantyGateway", "*quoteRepair", "*customerConsent", "consentGateway", "agreementMerge",
        "*signAgreement", "agreementGateway", "partsGateway", "*prepareParts", "partsMerge", "*repairDevice", "*customerAcceptance",
        "acceptanceGateway", "repairCompleted", "repairWork", "*followUpCall", "*handInRepairSlip", "*checkSlip", "repairSlipWork", "repairClosed",
    ];
    private static readonly string[] ReplacementPath =
        ["replacementRequested", "*acceptRequest", "*checkReturn", "*approveReplacement", "*shipReplacement", "*satisfactionSurvey", "replacementClosed"];
    private static readonly string[] ComplaintPath =
        ["complaintReceived", "*acceptRequest", "*investigate", "*respond", "*confirmResolution", "complaintClosed"];
    private static readonly string[] TrainingPath =
        ["trainingRequested", "*acceptRequest", "*planTraining", "*deliverTraining", "*collectFeedback", "trainingClosed"];
    private static readonly string[] CallPath = ["callRinging", "*answerCall", "callRouted", "callEnded"];

    public static readonly string[] Engineers = [.. Enumerable.Range(1, 40).Select(i => $"eng{i:D2}")];
    public static readonly string[] Agents = [.. Enumerable.Range(1, 25).Select(i => $"agent{i:D2}")];

    /// <summary>
    /// Loads <paramref name="orders"/> work orders and <paramref name="calls"/> calls received in the department's month
    /// starting <paramref name="monthStart"/>.
    /// </summary>
    public static async Task<LoadedMonth> LoadAsync(BenchHost host, DateTimeOffset monthStart, int orders, int calls, Action<string> log)
    {
        var random = new Random(13);
        var monthSpan = monthStart.AddMonths(1) - monthStart;
        var definitions = await DefinitionIdsAsync(host);
        var customers = await LoadCustomersAsync(host, Math.Max(1, orders / 5), monthStart);
        int history = 0, tasks = 0, timers = 0, breaches = 0;

        var callIds = new List<Guid>(calls);
        for (var first = 0; first < calls; first += Chunk)
        {
            var batch = new Batch();
            for (var k = first; k < Math.Min(calls, first + Chunk); k++)
            {
                var rang = monthStart + monthSpan * random.NextDouble();
                var agent = Agents[random.Next(Agents.Length)];
                var id = Guid.CreateVersion7(rang);
                callIds.Add(id);
                var late = random.NextDouble() < 0.04;
                batch.Instance(id, "hotline-call", definitions, $"call-{k}", rang, rang.AddMinutes(4), Vars(("caller", $"1380000{k % 10_000:D4}"), ("agent", agent)));
                batch.Path(id, "hotline-call", $"call-{k}", CallPath, rang, TimeSpan.FromSeconds(late ? 25 : 6), agent, random);
                if (late) batch.Breach(id, "hotline-call", $"call-{k}", "three-rings", "answerCall", rang.AddSeconds(15), agent);
            }
            await batch.WriteAsync(host);
            (history, tasks, timers, breaches) = (history + batch.History.Count, tasks + batch.Tasks.Count, timers + batch.Timers.Count, breaches + batch.Breaches.Count);
        }
        log($"  {calls:N0} calls written");

        var types = new[] { (OrderType.Repair, 0.70, RepairPath), (OrderType.Replacement, 0.10, ReplacementPath), (OrderType.Complaint, 0.10, ComplaintPath), (OrderType.Training, 0.10, TrainingPath) };
        for (var first = 0; first < orders; first += Chunk)
        {
            var batch = new Batch();
            var workOrders = new List<WorkOrderRecord>();
            var slips = new List<SlipRecord>();
            for (var k = first; k < Math.Min(orders, first + Chunk); k++)
            {
                var pick = random.NextDouble();
                var (type, _, path) = types.First(t => (pick -= t.Item2) < 0 || t.Item1 == OrderType.Training);
                var received = monthStart + monthSpan * random.NextDouble();
                var id = Guid.CreateVersion7(received);
                var key = $"{type.Prefix}{received:yyMMdd}-{k:D6}";
                var engineer = Engineers[random.Next(Engineers.Length)];
                var agent = Agents[random.Next(Agents.Length)];
                // Acceptance within a day for most; a repair's work takes days, its follow-up and slip come after.
                var acceptIn = TimeSpan.FromHours(random.NextDouble() < 0.05 ? 25 + random.Next(20) : 1 + random.Next(20));
                var step = type == OrderType.Repair ? TimeSpan.FromHours(3 + random.Next(14)) : TimeSpan.FromHours(4 + random.Next(20));
                var steps = path.Length;
                var ended = received + acceptIn + step * steps;
                var satisfaction = (random.Next(10) switch { 0 => 2, 1 or 2 => 3, 3 or 4 or 5 => 4, _ => 5 }).ToString(CultureInfo.InvariantCulture);
                var slipComplete = random.NextDouble() > 0.04;
                batch.Instance(id, type.ProcessKey, definitions, key, received, ended, Vars(
                    ("customer", $"客户{k % 5_000}"), ("contactPerson", "王经理"), ("contactPhone", "021-6482-1190"), ("model", "X200"),
                    ("serial", $"SN{k:D9}"), ("units", 1 + random.Next(30)), ("inWarranty", random.Next(2) == 0), ("receivedAt", received.ToString("O", CultureInfo.InvariantCulture)),
                    ("fault", "不开机，电源指示灯不亮"), ("customerInformed", true), ("acceptanceNote", "已电话确认故障现象"), ("engineer", engineer),
                    ("repairLocation", "onSite"), ("dispatchNote", "携带备用电源板"), ("appointmentDate", received.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("arrivalNote", "按时到达"), ("diagnosis", "电源板电容鼓包"), ("repairPlan", "更换电源板"), ("partsSource", "warehouse"),
                    ("partsPrice", 320), ("labourPrice", 180), ("customerConsent", true), ("agreementSigned", true), ("repairMethod", "更换部件"),
                    ("repairResult", "已修复，运行正常"), ("customerAccepted", true), ("acceptanceFeedback", "满意"), ("satisfaction", satisfaction),
                    ("followUpNote", "客户表示设备运行良好"), ("slipComplete", slipComplete), ("slipSigned", true)));
                var at = batch.Path(id, type.ProcessKey, key, path, received, step, agent, random, acceptIn, engineer);
                workOrders.Add(new WorkOrderRecord
                {
                    Number = key, Type = type.Name, CustomerId = customers[random.Next(customers.Count)], InstanceId = id, DefinitionKey = type.ProcessKey,
                    ReceivedAt = received, CreatedAt = received.AddMinutes(2), CreatedBy = agent, Units = 1, InWarranty = random.Next(2) == 0,
                    CallId = k < callIds.Count && k % 2 == 0 ? callIds[k].ToString() : null,
                });
                if (acceptIn > TimeSpan.FromHours(24)) batch.Breach(id, type.ProcessKey, key, "acceptance-24h", "acceptRequest", received.AddHours(24), agent);
                if (type == OrderType.Repair)
                {
                    if (random.NextDouble() < 0.05) batch.Breach(id, type.ProcessKey, key, "on-site-arrival", "confirmArrival", at["confirmArrival"], engineer);
                    if (random.NextDouble() < 0.10) batch.Breach(id, type.ProcessKey, key, "repair-turnaround", "repairWork", at["repairWork"].AddHours(-2), engineer);
                    if (random.NextDouble() < 0.08) batch.Breach(id, type.ProcessKey, key, "follow-up-3d", "followUpCall", at["followUpCall"].AddHours(-1), agent);
                    if (random.NextDouble() < 0.10) batch.Breach(id, type.ProcessKey, key, "repair-slip-2d", "repairSlipWork", at["repairSlipWork"].AddHours(-1), engineer);
                    if (random.NextDouble() < 0.9)
                        slips.Add(new SlipRecord
                        {
                            Id = Guid.CreateVersion7(at["handInRepairSlip"]), OrderNumber = key, Kind = "repair", ContentType = "application/pdf", Size = 182_000,
                            Sha256 = Convert.ToHexString(Guid.NewGuid().ToByteArray()).PadRight(64, '0'), AttachedBy = engineer, AttachedAt = at["handInRepairSlip"],
                        });
                }
                else if (type == OrderType.Replacement && random.NextDouble() < 0.08)
                    batch.Breach(id, type.ProcessKey, key, "follow-up-3d", "satisfactionSurvey", at["satisfactionSurvey"].AddHours(-1), agent);
                else if (type == OrderType.Complaint && random.NextDouble() < 0.06)
                    batch.Breach(id, type.ProcessKey, key, "complaint-escalation", "respond", at["respond"], agent);
            }
            await batch.WriteAsync(host);
            await using (var db = host.Db())
            await using (var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None))
            {
                await BulkRows.InsertAsync(a, workOrders);
                await BulkRows.InsertAsync(a, slips);
            }
            (history, tasks, timers, breaches) = (history + batch.History.Count, tasks + batch.Tasks.Count, timers + batch.Timers.Count, breaches + batch.Breaches.Count);
            if (first / Chunk % 10 == 9) log($"  {first + Chunk:N0} orders written");
        }
        return new LoadedMonth(orders, calls, orders + calls, history, tasks, timers, breaches);
    }

    private static ImmutableDictionary<string, JsonElement> Vars(params (string Name, object Value)[] variables) =>
        variables.ToImmutableDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));

    private static async Task<Dictionary<string, (int Id, int Version)>> DefinitionIdsAsync(BenchHost host)
    {
        await using var db = host.Db();
        return db.Definitions.Select(d => new { d.Key, d.Id, d.Version }).AsEnumerable().GroupBy(d => d.Key)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.Version).Select(d => (d.Id, d.Version)).First());
    }

    private static async Task<List<Guid>> LoadCustomersAsync(BenchHost host, int count, DateTimeOffset at)
    {
        var rows = Enumerable.Range(0, count).Select(i => new CustomerRecord
        {
            Id = Guid.CreateVersion7(at.AddDays(-400).AddSeconds(i)), Name = $"报表客户{i:D6}有限公司", Category = "regular", CreatedAt = at.AddDays(-400),
            UpdatedAt = at.AddDays(-400), SearchText = $"报表客户{i:D6}有限公司",
        }).ToList();
        await using var db = host.Db();
        await using var a = await AfterSalesDbContext.OverAsync(db, CancellationToken.None);
        await BulkRows.InsertAsync(a, rows);
        return [.. rows.Select(r => r.Id)];
    }

    /// <summary>The user tasks with a rule timer (an SLA of the shipped processes) and the rule.</summary>
    private static readonly Dictionary<string, string> Rules = new(StringComparer.Ordinal)
    {
        ["acceptRequest"] = "acceptance-24h", ["confirmArrival"] = "on-site-arrival", ["repairDevice"] = "repair-turnaround",
        ["followUpCall"] = "follow-up-3d", ["satisfactionSurvey"] = "follow-up-3d", ["handInRepairSlip"] = "repair-slip-2d",
        ["answerCall"] = "three-rings", ["respond"] = "complaint-escalation",
    };

    /// <summary>The Runtime's rows of a chunk of instances.</summary>
    private sealed class Batch
    {
        public List<InstanceRecord> Instances { get; } = [];
        public List<HistoryRecord> History { get; } = [];
        public List<TaskRecord> Tasks { get; } = [];
        public List<TimerRecord> Timers { get; } = [];
        public List<BreachRecord> Breaches { get; } = [];

        public void Instance(Guid id, string key, Dictionary<string, (int Id, int Version)> definitions, string businessKey, DateTimeOffset started,
            DateTimeOffset ended, ImmutableDictionary<string, JsonElement> variables)
        {
            var (definitionId, version) = definitions.GetValueOrDefault(key, (0, 1));
            var state = new InstanceState { DefinitionKey = key, Status = InstanceStatus.Completed, Variables = variables, StartedAt = started, EndedAt = ended, NextId = 40 };
            Instances.Add(new InstanceRecord
            {
                Id = id, DefinitionId = definitionId, DefinitionKey = key, DefinitionVersion = version, BusinessKey = businessKey, Status = "Completed",
                StateJson = InstanceStateJson.Serialize(state), StartedBy = "desk", StartedAt = started, EndedAt = ended, Revision = 12,
            });
        }

        /// <summary>Every element of <paramref name="path"/> entered and left in turn, a user task done each <paramref name="step"/>; when each was left.</summary>
        public Dictionary<string, DateTimeOffset> Path(Guid id, string key, string businessKey, string[] path, DateTimeOffset start, TimeSpan step,
            string agent, Random random, TimeSpan? firstTask = null, string? engineer = null)
        {
            var left = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var at = start;
            var first = true;
            for (var n = 0; n < path.Length; n++)
            {
                var element = path[n].TrimStart('*');
                var isTask = path[n][0] == '*';
                History.Add(new HistoryRecord { InstanceId = id, ElementId = element, Event = HistoryEvent.Entered, TokenId = 1 + n % 3, At = at });
                var entered = at;
                if (isTask)
                {
                    at += first && firstTask is { } f ? f : step * (0.5 + random.NextDouble());
                    first = false;
                    var by = engineer is not null && element is "confirmArrival" or "assessFault" or "repairDevice" or "handInRepairSlip" ? engineer : agent;
                    Tasks.Add(new TaskRecord
                    {
                        Id = Guid.CreateVersion7(entered), InstanceId = id, LocalId = n + 1, DefinitionKey = key, ElementId = element, Name = element,
                        BusinessKey = businessKey, Assignee = by, CandidateGroups = "service-desk", DueAt = entered.AddDays(1), CreatedAt = entered,
                        Status = "Completed", CompletedBy = by, EndedAt = at, FormKey = element, Revision = 2,
                    });
                    if (Rules.TryGetValue(element, out var rule)) Timers.Add(new TimerRecord
                    {
                        Id = Guid.CreateVersion7(entered), InstanceId = id, SubscriptionId = n + 100, ElementId = element + "Timer", DueAt = entered.AddDays(1),
                        SlaRule = rule, Status = at > entered.AddDays(1) ? "Fired" : "Cancelled", FiredAt = at > entered.AddDays(1) ? entered.AddDays(1) : null,
                    });
                }
                History.Add(new HistoryRecord { InstanceId = id, ElementId = element, Event = HistoryEvent.Left, TokenId = 1 + n % 3, At = at, By = isTask ? agent : null });
                left[element] = at;
            }
            History.Add(new HistoryRecord { InstanceId = id, ElementId = key, Event = HistoryEvent.Completed, At = at });
            return left;
        }

        public void Breach(Guid id, string key, string businessKey, string rule, string element, DateTimeOffset detected, string responsible) =>
            Breaches.Add(new BreachRecord
            {
                Rule = rule, InstanceId = id, DefinitionKey = key, BusinessKey = businessKey, ElementId = element, DueAt = detected.AddMinutes(-1),
                DetectedAt = detected, Responsible = responsible,
            });

        public async Task WriteAsync(BenchHost host)
        {
            await using var db = host.Db();
            await BulkRows.InsertAsync(db, Instances);
            await BulkRows.InsertAsync(db, History);
            await BulkRows.InsertAsync(db, Tasks);
            await BulkRows.InsertAsync(db, Timers);
            await BulkRows.InsertAsync(db, Breaches);
        }
    }
}
