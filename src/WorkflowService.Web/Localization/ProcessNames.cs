using WorkflowService.Runtime.Definitions;

namespace WorkflowService.Web.Localization;

/// <summary>
/// A process's name as the reader reads it (the newest version's name in the page's language, else its key), for the
/// pages that list instances, tasks or breaches of several processes: <c>@await ProcessNames.NameAsync(key)</c>. Read
/// once per request.
/// </summary>
public sealed class ProcessNames(DefinitionCatalog catalog)
{
    private Task<IReadOnlyDictionary<string, string>>? _names;

    public async Task<string> NameAsync(string key) =>
        (await (_names ??= catalog.DisplayNamesAsync())).GetValueOrDefault(key, key);
}
