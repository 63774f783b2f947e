using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fluid;
using WorkflowService.Runtime.Configuration;

namespace WorkflowService.Runtime.Mail;

/// <summary>
/// The email templates: one folder per template under <c>{workflowsDirectory}/templates</c>,
/// holding <c>subject.liquid</c> (plain text, one line) and <c>body.liquid</c> (HTML). The
/// workflows directory is given by the host (the resolved <c>Workflows:Directory</c>), the same
/// folder the shipped <c>*.bpmn</c> files are deployed from.
/// Templates are parsed once per name and kept for the life of this instance (register it as a
/// singleton; an edited template is picked up at the next start). A template that fails to
/// parse is not kept, so fixing the file is enough.
/// </summary>
public sealed partial class TemplateStore(string workflowsDirectory)
{
    public const string SubjectFile = "subject.liquid";
    public const string BodyFile = "body.liquid";

    // One parser for all templates: FluidParser is thread-safe once built and costly to build.
    private readonly FluidParser _parser = new();
    private readonly ConcurrentDictionary<string, MailTemplate> _parsed = new(StringComparer.Ordinal);

    public string TemplatesDirectory { get; } =
        Path.GetFullPath(WorkflowsOptions.TemplatesDirectory(workflowsDirectory));

    /// <summary>
    /// Template names are folder names, so they are restricted to <c>[a-z0-9_-]+</c>: nothing a
    /// process model says can reach outside the templates folder.
    /// </summary>
    public static bool IsValidName(string? name) => name is not null && ValidName().IsMatch(name);

    public string FolderOf(string name) =>
        IsValidName(name) ? Path.Combine(TemplatesDirectory, name) : throw new ArgumentException($"Invalid template name '{name}'", nameof(name));

    public bool Exists(string name) =>
        IsValidName(name) && File.Exists(Path.Combine(FolderOf(name), SubjectFile)) && File.Exists(Path.Combine(FolderOf(name), BodyFile));

    /// <exception cref="MailTemplateException">The template is missing or does not parse.</exception>
    internal MailTemplate Get(string name) => _parsed.TryGetValue(name, out var cached) ? cached : _parsed.GetOrAdd(name, Load(name));

    private MailTemplate Load(string name)
    {
        if (!Exists(name))
            throw new MailTemplateException($"Email template '{name}' does not exist: expected {SubjectFile} and {BodyFile} in {Path.Combine(TemplatesDirectory, name)}");
        return new MailTemplate(name, Parse(name, SubjectFile), Parse(name, BodyFile));
    }

    private IFluidTemplate Parse(string name, string file)
    {
        var path = Path.Combine(FolderOf(name), file);
        if (!_parser.TryParse(File.ReadAllText(path), out var template, out var error))
            throw new MailTemplateException($"Email template '{name}/{file}' does not parse: {error}");
        return template;
    }

    // \z, not $: "$" would also accept a name ending in a newline.
    [GeneratedRegex(@"^[a-z0-9_-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}

internal sealed record MailTemplate(string Name, IFluidTemplate Subject, IFluidTemplate Body);

/// <summary>A template is missing or broken: an operator can fix the folder, so sending is retried.</summary>
public sealed class MailTemplateException(string message) : Exception(message);
