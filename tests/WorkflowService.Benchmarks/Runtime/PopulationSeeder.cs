using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Benchmarks.Runtime;

/// <summary>
/// Fills the database with repair instances waiting at acceptRequest, each with its open task
/// (offered to service-desk), its pending 24 h SLA timer and its history. One template instance
/// goes the real way (started as a work order starts it); the
/// rest are copies of its rows with new ids and business keys, and every timestamp (columns and
/// state JSON alike) shifted back by up to 20 hours, so due dates differ and no seeded timer falls
/// due during the run. Going the real way for each would take minutes and give the same rows.
/// </summary>
internal static partial class PopulationSeeder
{
    private static readonly TimeSpan Spread = TimeSpan.FromHours(20);
    private const int ChunkSize = 2_000;

    public static async Task<int> SeedAsync(BenchHost host, int pendingTimers)
    {
        var work = new RepairWork(host);
        var templateId = await work.StartAsync("seed-template");
        var (_, existing) = await work.CountAsync();
        var copies = Math.Max(0, pendingTimers - existing);
        var template = await Template.LoadAsync(host, templateId);
        for (var first = 0; first < copies; first += ChunkSize)
        {
            await using var db = host.Db();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var k = first; k < Math.Min(copies, first + ChunkSize); k++)
                template.AddCopy(db, k, -Spread * ((double)k / copies));
            await db.SaveChangesAsync();
        }
        return copies;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex IsoTimestamp();

    private sealed record Template(InstanceRecord Instance, List<TaskRecord> Tasks, List<TimerRecord> Timers, List<HistoryRecord> History)
    {
        public static async Task<Template> LoadAsync(BenchHost host, Guid id)
        {
            await using var db = host.Db();
            return new Template(
                await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id),
                await db.Tasks.AsNoTracking().Include(t => t.Candidates).Where(t => t.InstanceId == id).ToListAsync(),
                await db.Timers.AsNoTracking().Where(t => t.InstanceId == id).ToListAsync(),
                await db.History.AsNoTracking().Where(h => h.InstanceId == id).ToListAsync());
        }

        public void AddCopy(WorkflowDbContext db, int k, TimeSpan shift)
        {
            var i = Instance;
            var id = Guid.CreateVersion7(i.StartedAt + shift);
            db.Instances.Add(new InstanceRecord
            {
                Id = id, DefinitionId = i.DefinitionId, DefinitionKey = i.DefinitionKey, DefinitionVersion = i.DefinitionVersion,
                BusinessKey = $"seed-{k}", Status = i.Status, StateJson = Shift(i.StateJson, shift), StartedBy = i.StartedBy,
                StartedAt = i.StartedAt + shift, Revision = i.Revision,
            });
            foreach (var t in Tasks)
            {
                var taskId = Guid.CreateVersion7(t.CreatedAt + shift);
                db.Tasks.Add(new TaskRecord
                {
                    Id = taskId, InstanceId = id, LocalId = t.LocalId, DefinitionKey = t.DefinitionKey, ElementId = t.ElementId,
                    Name = t.Name, BusinessKey = $"seed-{k}", Assignee = t.Assignee, CandidateUsers = t.CandidateUsers,
                    CandidateGroups = t.CandidateGroups, DueAt = t.DueAt + shift, FollowUpAt = t.FollowUpAt + shift,
                    Priority = t.Priority, FormKey = t.FormKey, CreatedAt = t.CreatedAt + shift, Status = t.Status,
                    CompletedBy = t.CompletedBy, EndedAt = t.EndedAt + shift, Revision = t.Revision,
                    Candidates = [.. t.Candidates.Select(c => new TaskCandidate
                        { TaskId = taskId, Kind = c.Kind, Name = c.Name, DueAt = c.DueAt + shift, Priority = c.Priority })],
                });
            }
            foreach (var t in Timers)
                db.Timers.Add(new TimerRecord
                {
                    Id = Guid.CreateVersion7(i.StartedAt + shift), InstanceId = id, SubscriptionId = t.SubscriptionId,
                    ElementId = t.ElementId, DueAt = t.DueAt + shift, SlaRule = t.SlaRule, Status = t.Status,
                });
            foreach (var h in History)
                db.History.Add(new HistoryRecord
                {
                    InstanceId = id, ElementId = h.ElementId, ElementName = h.ElementName, Event = h.Event, TokenId = h.TokenId,
                    At = h.At + shift, By = h.By, Detail = h.Detail,
                });
        }

        /// <summary>The state's timestamps (task due dates, the timer's due time) move with the rows.</summary>
        private static string Shift(string json, TimeSpan shift) => IsoTimestamp().Replace(json, m =>
            DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture).Add(shift).ToString("O", CultureInfo.InvariantCulture));
    }
}
