using System.Collections.Frozen;

namespace WorkflowService.Engine.Expressions;

internal enum JsTokenKind
{
    Word,
    Number,
    String,
    Template,
    Regex,
    Punct,
    Space,
    Comment,
}

internal readonly record struct JsToken(JsTokenKind Kind, int Start, int End)
{
    public bool IsSignificant => Kind is not (JsTokenKind.Space or JsTokenKind.Comment);

    public bool Is(string text, string value) =>
        End - Start == value.Length && string.CompareOrdinal(text, Start, value, 0, value.Length) == 0;
}

/// <summary>
/// Just enough of a JavaScript lexer to find where a <c>${...}</c> ends and to translate JUEL
/// words without touching string, template or regex literals, comments, or parts of longer
/// identifiers. It never rejects input: whatever it cannot make sense of is left for the real
/// parser, whose error message is the one the user sees.
/// </summary>
internal static class JsLexer
{
    /// <summary>Words after which a <c>/</c> starts a regex literal rather than a division.</summary>
    private static readonly FrozenSet<string> OperatorWords = FrozenSet.Create(StringComparer.Ordinal,
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
        "yield", "await", "and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "empty");

    /// <summary>Words that cannot name a variable in JavaScript (plus the literals).</summary>
    private static readonly FrozenSet<string> ReservedWords = FrozenSet.Create(StringComparer.Ordinal,
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
        "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof",
        "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void",
        "while", "with", "yield", "let", "static", "implements", "interface", "package", "private",
        "protected", "public", "await");

    /// <summary>A name a script can use as a bare identifier (so a variable with it becomes a global).</summary>
    public static bool IsPlainIdentifier(string name)
    {
        if (name.Length == 0 || !IsIdentifierStart(name[0])) return false;
        foreach (var c in name.AsSpan(1))
            if (!IsIdentifierPart(c)) return false;
        return !ReservedWords.Contains(name);
    }

    public static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    public static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    public static List<JsToken> Tokenize(string text, int start, int end)
    {
        var tokens = new List<JsToken>();
        JsToken? previous = null;
        for (var i = start; i < end;)
        {
            var token = Next(text, i, end, previous);
            tokens.Add(token);
            if (token.IsSignificant) previous = token;
            i = token.End;
        }
        return tokens;
    }

    /// <summary>Index of the <c>}</c> closing the brace at <paramref name="openBrace"/>, or -1.</summary>
    public static int FindClosingBrace(string text, int openBrace, int end)
    {
        var depth = 0;
        JsToken? previous = null;
        for (var i = openBrace + 1; i < end;)
        {
            var token = Next(text, i, end, previous);
            if (token.Kind == JsTokenKind.Punct)
            {
                var c = text[token.Start];
                if (c == '{') depth++;
                else if (c == '}' && depth-- == 0) return token.Start;
            }
            if (token.IsSignificant) previous = token;
            i = token.End;
        }
        return -1;
    }

    private static JsToken Next(string text, int i, int end, JsToken? previous)
    {
        var c = text[i];
        var next = i + 1 < end ? text[i + 1] : '\0';
        if (char.IsWhiteSpace(c)) return new(JsTokenKind.Space, i, While(text, i, end, char.IsWhiteSpace));
        if (c == '/' && next == '/')
        {
            var newline = text.IndexOf('\n', i, end - i);
            return new(JsTokenKind.Comment, i, newline < 0 ? end : newline);
        }
        if (c == '/' && next == '*')
        {
            var close = text.IndexOf("*/", i + 2, end - i - 2, StringComparison.Ordinal);
            return new(JsTokenKind.Comment, i, close < 0 ? end : close + 2);
        }
        if (c is '\'' or '"') return new(JsTokenKind.String, i, SkipString(text, i, end));
        if (c == '`') return new(JsTokenKind.Template, i, SkipTemplate(text, i, end));
        if (c == '/' && RegexMayFollow(text, previous)) return new(JsTokenKind.Regex, i, SkipRegex(text, i, end));
        if (IsIdentifierStart(c)) return new(JsTokenKind.Word, i, While(text, i, end, IsIdentifierPart));
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
            return new(JsTokenKind.Number, i, While(text, i, end, ch => IsIdentifierPart(ch) || ch == '.'));
        if (c == '.' && next == '.' && i + 2 < end && text[i + 2] == '.') return new(JsTokenKind.Punct, i, i + 3);
        if (c == '?' && next == '.' && !(i + 2 < end && char.IsAsciiDigit(text[i + 2])))
            return new(JsTokenKind.Punct, i, i + 2);
        return new(JsTokenKind.Punct, i, i + 1);
    }

    private static int While(string text, int i, int end, Func<char, bool> predicate)
    {
        var j = i + 1;
        while (j < end && predicate(text[j])) j++;
        return j;
    }

    private static bool RegexMayFollow(string text, JsToken? previous)
    {
        if (previous is not { } p) return true;
        return p.Kind switch
        {
            JsTokenKind.Word => OperatorWords.Contains(text[p.Start..p.End]),
            JsTokenKind.Punct => text[p.Start] is not (')' or ']' or '}'),
            _ => false,
        };
    }

    private static int SkipString(string text, int i, int end)
    {
        var quote = text[i];
        for (var j = i + 1; j < end; j++)
        {
            if (text[j] == '\\') j++;
            else if (text[j] == quote) return j + 1;
            else if (text[j] == '\n') return j;
        }
        return end;
    }

    private static int SkipTemplate(string text, int i, int end)
    {
        for (var j = i + 1; j < end; j++)
        {
            if (text[j] == '\\') j++;
            else if (text[j] == '`') return j + 1;
            else if (text[j] == '$' && j + 1 < end && text[j + 1] == '{')
            {
                var close = FindClosingBrace(text, j + 1, end);
                if (close < 0) return end;
                j = close;
            }
        }
        return end;
    }

    private static int SkipRegex(string text, int i, int end)
    {
        var inClass = false;
        for (var j = i + 1; j < end; j++)
        {
            switch (text[j])
            {
                case '\\': j++; break;
                case '[': inClass = true; break;
                case ']': inClass = false; break;
                case '\n': return j;
                case '/' when !inClass: return While(text, j, end, IsIdentifierPart);
            }
        }
        return end;
    }
}
