using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Definitions;

/// <summary>A process owner's unpublished diagram of a process.</summary>
public sealed record SavedDraft(string Key, string Xml, string SavedBy, DateTimeOffset SavedAt);

/// <summary>
/// A process owner's unpublished work, one draft per process key. Drafts are not validated (work
/// in progress may be broken), but they must be readable XML with one process id, because that
/// id is the key the draft is stored and later published under. Hostile or oversized documents
/// are refused with the parser's own message, so a draft never stores what publishing would refuse
/// to read.
/// </summary>
public sealed class DraftService(WorkflowDbFactory dbFactory, TransactionRunner transactions, BpmnParser parser, TimeProvider clock,
    ILogger<DraftService> logger)
{
    private const string BpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>Longest key the tables hold (see the definitions and drafts mappings).</summary>
    public const int MaxKeyLength = 200;

    /// <summary>
    /// The key of a diagram: the id of its executable process (or of its only process when none is
    /// marked executable, as the parser also accepts). Throws <see cref="ValidationException"/>
    /// with the parser's message when the document cannot be read safely.
    /// </summary>
    public string KeyOf(string xml)
    {
        var refusal = parser.Parse(xml).Diagnostics
            .FirstOrDefault(d => d is { ElementId: null, ElementType: null, Severity: DiagnosticSeverity.Error });
        if (refusal is not null) throw Invalid(refusal.Message, refusal.Line);

        var processes = ReadProcesses(xml);
        var executable = processes.Where(p => p.Executable).ToList();
        var candidates = executable.Count > 0 ? executable : processes;
        if (candidates.Count == 0) throw Invalid("The diagram has no process; add a process (its id is the process key)", 1);
        if (candidates.Count > 1)
            throw Invalid($"The diagram has {candidates.Count} executable processes ({string.Join(", ", candidates.Select(p => $"'{p.Id}'"))}); " +
                          "WorkflowService keeps one process per file", candidates[1].Line);
        var (id, line, _) = candidates[0];
        if (string.IsNullOrWhiteSpace(id)) throw Invalid("The process has no id; the id is the key the process is started by", line);
        if (id.Length > MaxKeyLength) throw Invalid($"The process id is longer than {MaxKeyLength} characters", line);
        return id;
    }

    public async Task<SavedDraft?> LoadAsync(string key, CancellationToken ct = default)
    {
        await using var db = dbFactory.Create();
        return await db.Drafts.AsNoTracking().Where(d => d.Key == key)
            .Select(d => new SavedDraft(d.Key, d.Xml, d.SavedBy, d.SavedAt)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Saves <paramref name="xml"/> as the draft of its process id. <paramref name="editedKey"/> is
    /// the process the user had open (null for a new diagram). A diagram whose id differs from it
    /// may not take the key of another existing process (published or drafted); when the id was
    /// changed, the draft moves to the new key.
    /// </summary>
    public async Task<SavedDraft> SaveAsync(string xml, string savedBy, string? editedKey, CancellationToken ct = default)
    {
        var key = KeyOf(xml);
        // Two first saves of one key race on the insert: the loser finds the row on its next attempt and updates it.
        var saved = await transactions.RunAsync($"draft of {key}", db => UpsertAsync(db, key, xml, savedBy, editedKey, ct), ct,
            TransientErrors.Default | TransientErrors.UniqueKeyRace);
        logger.DraftSaved(key, savedBy);
        return saved;
    }

    /// <summary>
    /// Refuses <paramref name="key"/> when it names another process than <paramref name="editedKey"/>
    /// and that process exists, so a renamed or new diagram cannot overwrite someone else's process.
    /// Runs in the caller's transaction (a draft save's or a publication's).
    /// </summary>
    internal static async Task EnsureKeyAvailableAsync(WorkflowDbContext db, string? editedKey, string key, CancellationToken ct)
    {
        if (string.Equals(editedKey, key, StringComparison.Ordinal)) return;
        var taken = await db.Definitions.AnyAsync(d => d.Key == key, ct) || await db.Drafts.AnyAsync(d => d.Key == key, ct);
        if (taken)
            throw new ConflictException(
                $"Another process already has the id '{key}'; give this process another id (select the canvas background and edit the process ID)");
    }

    /// <returns>Whether there was a draft to delete.</returns>
    public async Task<bool> DeleteAsync(string key, CancellationToken ct = default) =>
        await transactions.RunAsync($"draft of {key}", db => DeleteAsync(db, [key], ct), ct) > 0;

    /// <summary>Deletes the drafts of <paramref name="keys"/> within <paramref name="db"/>'s transaction, if it has one.</summary>
    internal static Task<int> DeleteAsync(WorkflowDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToList();
        return db.Drafts.Where(d => distinct.Contains(d.Key)).ExecuteDeleteAsync(ct);
    }

    private async Task<SavedDraft> UpsertAsync(WorkflowDbContext db, string key, string xml, string savedBy, string? editedKey,
        CancellationToken ct)
    {
        // Checked in the save's transaction, so a process created meanwhile under the key is seen.
        await EnsureKeyAvailableAsync(db, editedKey, key, ct);
        var draft = await db.Drafts.SingleOrDefaultAsync(d => d.Key == key, ct);
        if (draft is null) db.Drafts.Add(draft = new DraftRecord { Key = key, Xml = xml, SavedBy = savedBy });
        draft.Xml = xml;
        draft.SavedBy = savedBy;
        draft.SavedAt = clock.GetUtcNow();
        if (editedKey is not null && editedKey != key)
            await db.Drafts.Where(d => d.Key == editedKey).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return new SavedDraft(draft.Key, draft.Xml, draft.SavedBy, draft.SavedAt);
    }

    /// <summary>
    /// The top-level processes of a document the parser has already accepted as safe XML; read
    /// again with the same no-DTD settings because the parser returns no models for an invalid file.
    /// </summary>
    private static List<(string? Id, int Line, bool Executable)> ReadProcesses(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var found = new List<(string?, int, bool)>();
        reader.MoveToContent();
        if (reader.NamespaceURI != BpmnNamespace || reader.LocalName != "definitions")
            throw Invalid($"This is not a BPMN 2.0 file: the root element is '{reader.LocalName}', expected BPMN 'definitions'", 1);
        while (reader.Read())
        {
            if (reader is not { NodeType: XmlNodeType.Element, Depth: 1, LocalName: "process", NamespaceURI: BpmnNamespace }) continue;
            var executable = string.Equals(reader.GetAttribute("isExecutable")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            found.Add((reader.GetAttribute("id")?.Trim(), ((IXmlLineInfo)reader).LineNumber, executable));
        }
        return found;
    }

    private static ValidationException Invalid(string message, int line) =>
        new(message, [new ValidationError(message, Line: line)]);
}
