using System.Collections.Frozen;
using System.Text;

namespace WorkflowService.Engine.Expressions;

/// <summary>JavaScript made from the inside of one <c>${...}</c>, with where each character came from.</summary>
/// <param name="Script">The JavaScript expression.</param>
/// <param name="SourceIndex">
/// For each character of <paramref name="Script"/> (plus one for its end) the index in the original
/// text it was made from, so parser errors point at what the user wrote.
/// </param>
internal sealed record TranslatedExpression(string Script, int[] SourceIndex);

/// <summary>
/// Rewrites the JUEL words Camunda Modeler users put in simple conditions into JavaScript.
/// Decisions (what must stay true):
/// <list type="bullet">
/// <item><c>eq</c>/<c>ne</c> become the loose <c>==</c>/<c>!=</c>: JUEL coerces before comparing
/// (<c>'10' eq 10</c> is true), which loose equality matches for the values variables hold.</item>
/// <item><c>empty x</c> is true for null, undefined, <c>''</c>, <c>[]</c> and <c>{}</c>; its operand is one
/// unary expression (<c>empty a.b[0] and c</c> is <c>(empty a.b[0]) &amp;&amp; c</c>), as in JUEL.</item>
/// <item>The words are reserved, as in JUEL, except as property names (<c>order.empty</c>) and object keys
/// (<c>{ lt: 1 }</c>); they are never touched inside literals, comments or longer identifiers.</item>
/// <item>JUEL's arithmetic words <c>div</c> and <c>mod</c> are not translated: they are rare in
/// conditions and plausible variable names; <c>/</c> and <c>%</c> work.</item>
/// </list>
/// </summary>
internal static class JuelTranslator
{
    /// <summary>Global function the translation of <c>empty</c> calls (a lazy global: built only when called).</summary>
    public const string EmptyHelper = "$juelEmpty";

    private static readonly FrozenDictionary<string, string> Operators = new Dictionary<string, string>
    {
        ["and"] = "&&", ["or"] = "||", ["not"] = "!",
        ["eq"] = "==", ["ne"] = "!=", ["lt"] = "<", ["gt"] = ">", ["le"] = "<=", ["ge"] = ">=",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> UnaryPrefixWords = FrozenSet.Create(StringComparer.Ordinal, "not", "empty", "typeof", "void");

    /// <summary>Translates <c>text[start..end)</c>; a misplaced <c>empty</c> is reported as a syntax error.</summary>
    public static TranslatedExpression Translate(string text, int start, int end)
    {
        var tokens = JsLexer.Tokenize(text, start, end);
        var writer = new Writer(text, tokens);
        writer.Emit(0, tokens.Count);
        writer.Map.Add(end);
        return new TranslatedExpression(writer.Output.ToString(), [.. writer.Map]);
    }

    private sealed class Writer(string text, List<JsToken> tokens)
    {
        public StringBuilder Output { get; } = new();
        public List<int> Map { get; } = [];

        public void Emit(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var token = tokens[i];
                var word = token.Kind == JsTokenKind.Word && !IsPropertyName(i) ? text[token.Start..token.End] : null;
                if (word == "empty")
                {
                    var operandStart = SkipSpace(i + 1);
                    var operandEnd = OperandEnd(operandStart);
                    if (operandEnd < 0)
                        throw new JuelSyntaxException(token.Start, "'empty' must be followed by a value, as in empty order.items");
                    Append(EmptyHelper + "(", token.Start);
                    Emit(operandStart, operandEnd);
                    Append(")", tokens[operandEnd - 1].End - 1);
                    i = operandEnd - 1;
                }
                else if (word is not null && Operators.TryGetValue(word, out var replacement))
                {
                    Append(replacement, token.Start);
                }
                else
                {
                    for (var k = token.Start; k < token.End; k++)
                    {
                        Output.Append(text[k]);
                        Map.Add(k);
                    }
                }
            }
        }

        private void Append(string value, int sourceIndex)
        {
            Output.Append(value);
            for (var k = 0; k < value.Length; k++) Map.Add(sourceIndex);
        }

        /// <summary>After <c>.</c>/<c>?.</c>, or an object key (<c>{ lt: 1 }</c>, <c>, empty: 2</c>).</summary>
        private bool IsPropertyName(int i)
        {
            var before = PreviousSignificant(i);
            if (before >= 0 && (Is(before, ".") || Is(before, "?."))) return true;
            var after = SkipSpace(i + 1);
            return after < tokens.Count && Is(after, ":") && before >= 0 && (Is(before, "{") || Is(before, ","));
        }

        /// <summary>Index after the unary expression starting at <paramref name="i"/>, or -1 if there is none.</summary>
        private int OperandEnd(int i)
        {
            if (i >= tokens.Count) return -1;
            var token = tokens[i];
            if (token.Kind == JsTokenKind.Punct && text[token.Start] is '!' or '-' or '+' or '~' && token.End - token.Start == 1
                || token.Kind == JsTokenKind.Word && UnaryPrefixWords.Contains(text[token.Start..token.End]))
                return OperandEnd(SkipSpace(i + 1));

            int end;
            if (token.Kind == JsTokenKind.Punct && text[token.Start] is '(' or '[' or '{') end = AfterClose(i);
            else if (token.Kind is JsTokenKind.Word or JsTokenKind.Number or JsTokenKind.String
                     or JsTokenKind.Template or JsTokenKind.Regex) end = i + 1;
            else return -1;

            // Postfix chain: .name, ?.name, [index], (arguments), ?.[index], ?.(arguments).
            while (true)
            {
                var next = SkipSpace(end);
                if (next >= tokens.Count) return end;
                if (Is(next, ".") || Is(next, "?."))
                {
                    var member = SkipSpace(next + 1);
                    if (member < tokens.Count && tokens[member].Kind == JsTokenKind.Word) end = member + 1;
                    else if (member < tokens.Count && (Is(member, "[") || Is(member, "("))) end = AfterClose(member);
                    else return end;
                }
                else if (Is(next, "[") || Is(next, "(")) end = AfterClose(next);
                else return end;
            }
        }

        /// <summary>Index after the bracket matching the one at <paramref name="open"/> (the end if unbalanced).</summary>
        private int AfterClose(int open)
        {
            var depth = 0;
            for (var i = open; i < tokens.Count; i++)
            {
                if (tokens[i].Kind != JsTokenKind.Punct) continue;
                var c = text[tokens[i].Start];
                if (c is '(' or '[' or '{') depth++;
                else if (c is ')' or ']' or '}' && --depth == 0) return i + 1;
            }
            return tokens.Count;
        }

        private int SkipSpace(int i)
        {
            while (i < tokens.Count && !tokens[i].IsSignificant) i++;
            return i;
        }

        private int PreviousSignificant(int i)
        {
            for (var k = i - 1; k >= 0; k--)
                if (tokens[k].IsSignificant) return k;
            return -1;
        }

        private bool Is(int i, string value) => tokens[i].Kind == JsTokenKind.Punct && tokens[i].Is(text, value);
    }
}

/// <summary>A JUEL construct that cannot be translated; <see cref="Index"/> is in the original text.</summary>
internal sealed class JuelSyntaxException(int index, string message) : Exception(message)
{
    public int Index { get; } = index;
}
