using System.Collections.Frozen;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Engine.Model;
using WorkflowService.Runtime.Persistence;

namespace WorkflowService.Runtime.Definitions;

/// <summary>
/// What a process calls things, in the reader's language (<see cref="CultureInfo.CurrentUICulture"/>: the request's
/// culture on the web, the recipient's when a mail is rendered). Rows store a name as the process wrote it (a task's,
/// a history entry's); the translation is looked up when the row is read, in the newest published version of its
/// process (<see cref="Translations"/>), so a corrected translation reaches running work at once and no row has to
/// be rewritten. Which version is newest is re-read at most every 30 s (another node may have published) and at once
/// after a publish on this node. A reader without a culture (background jobs, tests) gets the names as stored,
/// without a query.
/// </summary>
public sealed class ProcessTexts(WorkflowDbFactory dbFactory, DefinitionCache cache, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private volatile Newest? _newest;

    private sealed record Newest(FrozenDictionary<string, int> Ids, DateTimeOffset ReadAt);

    /// <summary>The reader's language, or null when there is none (the invariant culture).</summary>
    public static string? Language => CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : null;

    /// <summary>A version was published here: the next read looks for the newest versions again.</summary>
    public void Forget() => _newest = null;

    /// <summary>The names of elements of the given processes in the reader's language; empty when there is no reader language.</summary>
    public async ValueTask<Book> BookAsync(IEnumerable<string> definitionKeys, CancellationToken ct = default)
    {
        if (Language is not { } language) return Book.AsWritten;
        var keys = definitionKeys.Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0) return Book.AsWritten;
        await using var db = dbFactory.Create();
        var newest = await NewestAsync(db, ct);
        var models = new Dictionary<string, ProcessModel>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (newest.Ids.TryGetValue(key, out var id)) models[key] = await cache.GetAsync(db, id, ct);
        }
        return new Book(models, language);
    }

    /// <summary>One process's book.</summary>
    public ValueTask<Book> BookAsync(string definitionKey, CancellationToken ct = default) => BookAsync([definitionKey], ct);

    private async ValueTask<Newest> NewestAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_newest is { } known && now - known.ReadAt < Fresh) return known;
        var ids = await DefinitionCatalog.LatestVersions(db).Select(d => new { d.Key, d.Id }).ToListAsync(ct);
        var newest = new Newest(ids.ToFrozenDictionary(d => d.Key, d => d.Id, StringComparer.Ordinal), now);
        _newest = newest;
        return newest;
    }

    /// <summary>Names looked up in the newest versions of some processes, in one language.</summary>
    public sealed class Book
    {
        internal static readonly Book AsWritten = new(new Dictionary<string, ProcessModel>(), null);
        private readonly IReadOnlyDictionary<string, ProcessModel> _models;

        internal Book(IReadOnlyDictionary<string, ProcessModel> models, string? language) =>
            (_models, Language) = (models, language);

        public string? Language { get; }

        /// <summary>An element's name in the reader's language, else <paramref name="stored"/>.</summary>
        public string? Element(string definitionKey, string elementId, string? stored) =>
            Language is not null && _models.TryGetValue(definitionKey, out var model) && model.TryGetNode(elementId, out var node)
                ? Translations.Pick(node.Properties, Translations.Name, stored, Language)
                : stored;

        /// <summary>
        /// The name of a choice a form of the process offers for variable <paramref name="field"/> (an enum field's value,
        /// <c>onSite</c> → 上门 or "On site") in the reader's language, else as written; null when no form offers it.
        /// </summary>
        public string? Option(string definitionKey, string field, string value)
        {
            if (!_models.TryGetValue(definitionKey, out var model)) return null;
            var fields = model.Nodes.SelectMany(n => n switch
            {
                UserTaskNode task => task.FormFields,
                StartEventNode start => start.FormFields,
                _ => [],
            });
            var option = fields.Where(f => f.Id == field && f.Type == FormFieldType.Enum)
                .Select(f => f.In(Language).Options.FirstOrDefault(o => o.Id == value)).FirstOrDefault(o => o is not null);
            return option?.Name;
        }

        /// <summary>A process's name in the reader's language, else <paramref name="stored"/>.</summary>
        public string? Process(string definitionKey, string? stored) =>
            Language is not null && _models.TryGetValue(definitionKey, out var model)
                ? Translations.Pick(model.Properties, Translations.Name, stored, Language)
                : stored;
    }
}
