using System.Text.Json;
using Microsoft.Extensions.Configuration;
using WorkflowService.Testing;

namespace WorkflowService.Web.Tests.Architecture;

/// <summary>
/// <c>appsettings.example.json</c> is what an operator copies and edits: each section appears once (features add to
/// the same section, and a second copy of it would be merged silently by the service but edited half by a person), and
/// read by the service's JSON provider it holds the defaults it documents.
/// </summary>
public sealed class ExampleSettingsTests
{
    private static readonly string File = Path.Combine(RepositoryPaths.Root, "appsettings.example.json");

    [Fact]
    public void Every_section_of_the_example_settings_is_written_once()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var twice = new List<string>();
        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object) return;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in element.EnumerateObject())
            {
                var at = path.Length == 0 ? property.Name : $"{path}:{property.Name}";
                if (!names.Add(property.Name)) twice.Add(at);
                Walk(property.Value, at);
            }
        }
        Walk(document.RootElement, "");
        Assert.Empty(twice);
    }

    [Fact]
    public void The_example_settings_read_by_the_services_provider_hold_the_documented_defaults()
    {
        var config = new ConfigurationBuilder().AddJsonFile(File, optional: false).Build();

        Assert.Equal("PT2H", config["Notifications:Personal:DueSoonLead"]);
        Assert.Equal("True", config["Notifications:Personal:Defaults:task-overdue:Email"]);
        Assert.Equal("00:30:00", config["Notifications:RobotRetryDelays:3"]);
        Assert.Equal("Sqlite", config["Storage:Provider"]);
    }
}
