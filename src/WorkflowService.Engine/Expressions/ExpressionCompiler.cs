using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Acornima;
using Acornima.Ast;
using Jint;

namespace WorkflowService.Engine.Expressions;

internal abstract record TemplatePart;

internal sealed record LiteralPart(string Text) : TemplatePart;

/// <summary>
/// One <c>${...}</c>: the prepared JavaScript; when the expression is a bare variable or property
/// path (<c>${units}</c>, <c>${order.customer}</c>), that path so it can be read without Jint; and
/// when it is in <see cref="PureExpression"/>'s subset, that form, so it can be computed without Jint.
/// </summary>
internal sealed record ExpressionPart(Prepared<Script> Program, ImmutableArray<string> Path, PureExpression? Pure = null) : TemplatePart;

/// <summary>A text as compiled: either its parts or the syntax error a user sees.</summary>
internal sealed record CompiledTemplate(ImmutableArray<TemplatePart> Parts, string? Error)
{
    /// <summary>The text when it has no expression at all.</summary>
    public string? Literal => Parts switch
    {
        [] => "",
        [LiteralPart literal] => literal.Text,
        _ => null,
    };

    /// <summary>
    /// <see cref="Literal"/> as a JSON string, built once: a JsonElement is immutable, so every
    /// evaluation of the same literal can return the same one.
    /// </summary>
    public JsonElement? LiteralValue { get; } =
        Error is null && Parts is [] or [LiteralPart] ? JsonSerializer.SerializeToElement(Parts is [LiteralPart only] ? only.Text : "") : null;

    /// <summary>The expression when the text is exactly one <c>${...}</c>: its value keeps its JSON type.</summary>
    public ExpressionPart? Lone => Parts is [ExpressionPart part] ? part : null;
}

internal sealed record CompiledScript(Prepared<Script> Program, string? Error);

/// <summary>
/// Turns text into something runnable without running anything: splits literal text from
/// <c>${...}</c>/<c>#{...}</c>, translates JUEL words, checks each expression is exactly one
/// JavaScript expression, and prepares it for Jint. Errors are returned, not thrown, so that they
/// can be cached like successes and reported at deploy time.
/// </summary>
internal static class ExpressionCompiler
{
    private static readonly FrozenSet<string> JuelWords = FrozenSet.Create(StringComparer.Ordinal,
        "and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "empty");

    public static CompiledTemplate CompileTemplate(string text, bool prepare)
    {
        if (TextLimits.Check(text, TextLimits.MaxTemplateLength, "expression") is { } refused)
            return new CompiledTemplate([], refused);
        try
        {
            var parts = ImmutableArray.CreateBuilder<TemplatePart>();
            var literal = new StringBuilder();
            for (var i = 0; i < text.Length;)
            {
                var open = FindExpressionStart(text, i);
                if (open < 0)
                {
                    literal.Append(text, i, text.Length - i);
                    break;
                }
                literal.Append(text, i, open - i);
                var close = JsLexer.FindClosingBrace(text, open + 1, text.Length);
                if (close < 0) throw new JuelSyntaxException(open, $"'{text[open]}{{' is never closed with '}}'");
                if (literal.Length > 0) parts.Add(new LiteralPart(literal.ToString()));
                literal.Clear();
                parts.Add(CompileExpression(text, open + 2, close, prepare));
                i = close + 1;
            }
            if (literal.Length > 0) parts.Add(new LiteralPart(literal.ToString()));
            return new CompiledTemplate(parts.ToImmutable(), null);
        }
        catch (JuelSyntaxException e)
        {
            return new CompiledTemplate([], $"syntax error in {ExpressionText.Quote(text)} at {ExpressionText.Where(text, e.Index)}: {e.Message}");
        }
    }

    public static CompiledScript CompileScript(string script, bool prepare)
    {
        if (TextLimits.Check(script, TextLimits.MaxScriptLength, "script") is { } refused)
            return new CompiledScript(default, refused);
        try
        {
            new Parser().ParseScript(script);
            return new CompiledScript(prepare ? Jint.Engine.PrepareScript(script) : default, null);
        }
        catch (Exception e) when (FindParseError(e) is { } error)
        {
            var index = ErrorIndex(error, script);
            return new CompiledScript(default, $"syntax error in the script at {ExpressionText.Where(script, index)}: {error.Description}");
        }
    }

    private static int FindExpressionStart(string text, int from)
    {
        var dollar = text.IndexOf("${", from, StringComparison.Ordinal);
        var hash = text.IndexOf("#{", from, StringComparison.Ordinal);
        return dollar < 0 ? hash : hash < 0 ? dollar : Math.Min(dollar, hash);
    }

    private static ExpressionPart CompileExpression(string text, int start, int end, bool prepare)
    {
        var translated = JuelTranslator.Translate(text, start, end);
        if (string.IsNullOrWhiteSpace(translated.Script)) throw new JuelSyntaxException(start - 2, "the expression is empty");

        // Parsed as one expression first: wrapped in parentheses alone, "a); b(" would pass as a script.
        Prepared<Script> program = default;
        PureExpression? pure = null;
        try
        {
            var parsed = new Parser().ParseExpression(translated.Script);
            if (prepare)
            {
                program = Jint.Engine.PrepareScript("(" + translated.Script + "\n)");
                pure = PureExpression.Compile(parsed);
            }
        }
        catch (Exception e) when (FindParseError(e) is { } error)
        {
            var index = ErrorIndex(error, translated.Script);
            if (prepare && e is not ParseErrorException) index--; // the opening parenthesis
            var source = translated.SourceIndex[Math.Clamp(index, 0, translated.SourceIndex.Length - 1)];
            throw new JuelSyntaxException(source, error.Description);
        }
        return new ExpressionPart(program, PathOf(text.AsSpan(start, end - start)), pure);
    }

    /// <summary>The segments of <c>name(.name)*</c>, or empty when the expression is anything else.</summary>
    private static ImmutableArray<string> PathOf(ReadOnlySpan<char> expression)
    {
        var segments = expression.Trim().ToString().Split('.');
        foreach (var segment in segments)
            if (!JsLexer.IsPlainIdentifier(segment)) return [];
        return JuelWords.Contains(segments[0]) ? [] : [.. segments];
    }

    private static ParseError? FindParseError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is ParseErrorException parse) return parse.Error;
        return null;
    }

    private static int ErrorIndex(ParseError error, string script) =>
        error.IsIndexDefined ? error.Index
        : error.IsPositionDefined ? ExpressionText.IndexOf(script, error.LineNumber, error.Column)
        : 0;
}
