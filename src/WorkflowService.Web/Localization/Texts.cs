using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace WorkflowService.Web.Localization;

/// <summary>
/// The UI's words in English and Chinese (zh-CN), from the JSON files in Localization/ (one per
/// area, embedded in the assembly): <c>{ "Inbox.Title": { "en": "Inbox", "zh-CN": "待办任务" } }</c>.
/// A missing translation falls back to English, a missing key shows the key.
/// </summary>
public sealed class Texts
{
    public static readonly CultureInfo[] Supported = [new("en"), new("zh-CN")];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byCulture;

    public Texts()
    {
        var assembly = typeof(Texts).Assembly;
        var all = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal)
                                                                             && n.Contains(".Localization.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var doc = JsonDocument.Parse(stream);
            foreach (var entry in doc.RootElement.EnumerateObject())
            foreach (var translation in entry.Value.EnumerateObject())
            {
                if (!all.TryGetValue(translation.Name, out var texts)) all[translation.Name] = texts = new(StringComparer.Ordinal);
                if (!texts.TryAdd(entry.Name, translation.Value.GetString() ?? ""))
                    throw new InvalidOperationException($"Text '{entry.Name}' is defined twice ({name})");
            }
        }
        _byCulture = all.ToFrozenDictionary(c => c.Key, c => c.Value.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public IReadOnlyCollection<string> Keys(string culture) =>
        _byCulture.TryGetValue(culture, out var texts) ? texts.Keys : [];

    public string Get(string key, CultureInfo culture)
    {
        if (_byCulture.TryGetValue(culture.Name, out var texts) && texts.TryGetValue(key, out var text)) return text;
        if (_byCulture.TryGetValue("en", out var english) && english.TryGetValue(key, out var fallback)) return fallback;
        return key;
    }

    public string Format(string key, CultureInfo culture, params object?[] args) =>
        string.Format(culture, Get(key, culture), args);

    /// <summary>Whether <paramref name="key"/> is a text (every text has its English).</summary>
    public bool Has(string key) => _byCulture.TryGetValue("en", out var english) && english.ContainsKey(key);
}

/// <summary>The current request's texts: <c>@T["Inbox.Title"]</c> in a page.</summary>
public sealed class T(Texts texts)
{
    public string this[string key] => texts.Get(key, CultureInfo.CurrentUICulture);

    public string Format(string key, params object?[] args) => texts.Format(key, CultureInfo.CurrentUICulture, args);

    public string Culture => CultureInfo.CurrentUICulture.Name;

    public bool Has(string key) => texts.Has(key);
}
