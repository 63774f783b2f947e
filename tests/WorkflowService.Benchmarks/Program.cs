using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using WorkflowService.Benchmarks.Support;

// Every benchmark class of this assembly, chosen with BenchmarkDotNet's own arguments
// (--filter, --job, --list flat, ...). One extra switch: --quick, one launch, 5 measured iterations
// and BenchmarkDotNet's adaptive warm-up. Both modes measure the settled JIT: the benchmarks' own
// setup runs the happy path until tiering is done (RepairScenario.WarmUpJit).
// `runtime` runs the in-process service benchmarks instead (Runtime/RuntimeSuite.cs): a Stopwatch
// harness, because throughput under concurrency and latency distributions do not fit BenchmarkDotNet.
// `records` measures customer search and order opening at the record counts (Records/RecordsSuite.cs).
// `reports` times the KPIs of a loaded month and the engineers' ledger of its quarter (Reports/ReportsSuite.cs).
// `http` loads the service through a real Kestrel port with 16 keep-alive connections (Http/HttpSuite.cs).
if (args is ["calendar-edit", .. var editArgs]) return await WorkflowService.Benchmarks.Calendars.RecomputeSuite.RunAsync(editArgs);
if (args is ["calendar", .. var calendarArgs]) return WorkflowService.Benchmarks.Calendars.CalendarSuite.Run(calendarArgs);
if (args is ["reports", .. var reportsArgs]) return await WorkflowService.Benchmarks.Reports.ReportsSuite.RunAsync(reportsArgs);
if (args is ["records", .. var recordsArgs]) return await WorkflowService.Benchmarks.Records.RecordsSuite.RunAsync(recordsArgs);
if (args is ["runtime", .. var runtimeArgs]) return await WorkflowService.Benchmarks.Runtime.RuntimeSuite.RunAsync(runtimeArgs);
if (args is ["peer", .. var peerArgs]) return await WorkflowService.Benchmarks.Peer.PeerSuite.RunAsync(peerArgs);
if (args is ["http", .. var httpArgs]) return await WorkflowService.Benchmarks.Http.HttpSuite.RunAsync(httpArgs);

var quick = args.Contains("--quick");
// The median always shows: on a shared machine it is the number to quote, and Steps/s is based on it.
var config = DefaultConfig.Instance
    .AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond)
    .AddColumn(StepColumn.StepsPerOperation, StepColumn.StepsPerSecond);
if (quick) config = config.AddJob(Job.Default.WithLaunchCount(1).WithIterationCount(5).WithId("Quick"));

var summaries = BenchmarkSwitcher.FromAssembly(typeof(StepColumn).Assembly)
    .Run([.. args.Where(a => a != "--quick")], config);

foreach (var line in summaries.SelectMany(StepRate.Verdicts)) Console.WriteLine(line);
return 0;
