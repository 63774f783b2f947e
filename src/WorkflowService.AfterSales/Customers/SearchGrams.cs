using System.Text;

namespace WorkflowService.AfterSales.Customers;

/// <summary>
/// The grams of the customer search (table <c>customer_search_grams</c>): a customer's search text cut into the
/// pieces a fragment typed at the desk is made of, so that a search reads the few customers holding the fragment's
/// rarest piece instead of every search text. Text runs give 2-character grams (two Chinese characters are the
/// shortest name fragment a clerk types), digit runs 3-digit grams (two digits are held by nearly every number).
/// What must stay true: a needle found in a search text has only grams of that text (<see cref="OfNeedle"/> cuts
/// the same way, and each run of the needle lies inside a run of one segment of the text); otherwise the gram search
/// would miss a customer that the scan finds. Characters are counted as Unicode scalars, never half a surrogate pair.
/// </summary>
public static class SearchGrams
{
    /// <summary>Between the name and the contacts' names and numbers in a search text: no gram crosses it.</summary>
    public const char Separator = '|';

    /// <summary>
    /// Above this many customers holding even the rarest gram of a needle, the search scans in name order instead:
    /// the fragment is so common that the scan finds its 50 soon, sooner than the gram's customers would be sorted.
    /// Not lower: a city's name is held by a twentieth of the customers, all next to each other in name order, which
    /// the scan may reach only near the end (the benchmark's prototype left its p99 at 381 ms with 2,000 here).
    /// </summary>
    public const int CommonGram = 20_000;

    /// <summary>The longest gram in UTF-16 units: two characters outside the basic plane.</summary>
    public const int MaxLength = 4;

    /// <summary>
    /// What a search compares with the search text: a query that looks like a phone number (digits, blanks, <c>-+()</c>,
    /// at least 3 digits) by its digits, anything else lower-cased as the search text is; null for a blank query.
    /// </summary>
    public static string? Needle(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return null;
        var q = query.Trim();
        var digits = CustomerRules.Digits(q);
        return digits.Length >= 3 && q.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')') ? digits : q.ToLowerInvariant();
    }

    /// <summary>The distinct grams of a customer's search text (<see cref="CustomerRules.SearchText"/>).</summary>
    public static IReadOnlySet<string> Of(string searchText)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in searchText.Split(Separator)) AddGrams(segment, grams);
        return grams;
    }

    /// <summary>
    /// The grams a customer must hold to be found by <paramref name="needle"/>; empty when the needle has none (one
    /// character, two digits) or may span segments (holds the separator), or holds a character that is not whole
    /// (a lone surrogate): then only the scan answers it.
    /// </summary>
    public static IReadOnlySet<string> OfNeedle(string needle)
    {
        if (needle.Contains(Separator, StringComparison.Ordinal) || needle.EnumerateRunes().Any(r => r == Rune.ReplacementChar))
            return new HashSet<string>();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        AddGrams(needle, grams);
        return grams;
    }

    /// <summary>
    /// The gram whose customers a search reads: the rarest of <paramref name="counts"/> (each counted up to just
    /// above <paramref name="common"/>), or null when there is none or even the rarest is common: then the scan.
    /// </summary>
    public static string? Rarest(IEnumerable<(string Gram, int Customers)> counts, int common = CommonGram)
    {
        (string Gram, int Customers)? rarest = null;
        foreach (var count in counts)
            if (rarest is null || count.Customers < rarest.Value.Customers) rarest = count;
        return rarest is { } r && r.Customers <= common ? r.Gram : null;
    }

    private static void AddGrams(string text, HashSet<string> grams)
    {
        var runes = text.EnumerateRunes().ToArray();
        var start = 0;
        while (start < runes.Length)
        {
            var digits = IsDigit(runes[start]);
            var end = start;
            while (end < runes.Length && IsDigit(runes[end]) == digits) end++;
            var size = digits ? 3 : 2;
            for (var i = start; i + size <= end; i++) grams.Add(string.Concat(runes[i..(i + size)].Select(r => r.ToString())));
            start = end;
        }
    }

    private static bool IsDigit(Rune rune) => rune.Value is >= '0' and <= '9';
}
