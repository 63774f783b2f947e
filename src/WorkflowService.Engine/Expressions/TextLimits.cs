namespace WorkflowService.Engine.Expressions;

/// <summary>
/// Size and nesting limits checked before an expression or script is lexed or parsed. Lexing and
/// parsing recurse once per nesting level, and a stack overflow cannot be caught in .NET: a text
/// nested a few thousand levels deep would end the whole service, at publication. No real
/// condition or script comes near these limits.
/// </summary>
internal static class TextLimits
{
    /// <summary>An attribute or element text holding <c>${...}</c> expressions.</summary>
    public const int MaxTemplateLength = 8_000;

    /// <summary>A script task's script.</summary>
    public const int MaxScriptLength = 64 * 1024;

    /// <summary>Brackets of any kind (<c>( [ {</c>, including each <c>${</c>) open at once.</summary>
    public const int MaxNesting = 100;

    /// <summary>Why <paramref name="text"/> is refused, or null. Brackets inside strings count too: a cheap, safe over-estimate.</summary>
    public static string? Check(string text, int maxLength, string what)
    {
        if (text.Length > maxLength)
            return $"the {what} is {text.Length:N0} characters long; at most {maxLength:N0} are allowed";
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '(' or '[' or '{')
            {
                if (++depth > MaxNesting) return $"the {what} nests brackets more than {MaxNesting} deep";
            }
            else if (c is ')' or ']' or '}' && depth > 0)
            {
                depth--;
            }
        }
        return null;
    }
}
