using WorkflowService.Runtime.Mail;
using WorkflowService.Testing;

namespace WorkflowService.Runtime.Tests.Mail;

/// <summary>Templates live in <c>{workflows}/templates/{name}/</c> and are parsed once per name.</summary>
public sealed class TemplateStoreTests : IDisposable
{
    private readonly string _workflows = TempFolder.Create("templates-");

    public void Dispose() => TempFolder.TryDelete(_workflows);

    private void Write(string name, string subject, string body)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workflows, "templates", name)).FullName;
        File.WriteAllText(Path.Combine(folder, TemplateStore.SubjectFile), subject);
        File.WriteAllText(Path.Combine(folder, TemplateStore.BodyFile), body);
    }

    [Fact]
    public void The_templates_folder_is_under_the_workflows_directory()
    {
        Assert.Equal(Path.Combine(_workflows, "templates"), new TemplateStore(_workflows).TemplatesDirectory);
    }

    [Fact]
    public void A_template_is_parsed_once_and_then_served_from_the_cache()
    {
        Write("notice", "{{ subject }}", "<p>{{ link }}</p>");
        var store = new TemplateStore(_workflows);

        var first = store.Get("notice");
        File.Delete(Path.Combine(_workflows, "templates", "notice", TemplateStore.BodyFile));

        Assert.Same(first, store.Get("notice"));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_not_kept_so_fixing_the_file_is_enough()
    {
        Write("notice", "{{ subject }}", "<p>{% if link %}open</p>");
        var store = new TemplateStore(_workflows);

        var error = Assert.Throws<MailTemplateException>(() => store.Get("notice"));
        Assert.Contains("notice/body.liquid", error.Message);

        Write("notice", "{{ subject }}", "<p>{% if link %}open{% endif %}</p>");
        Assert.NotNull(store.Get("notice"));
    }

    [Fact]
    public void A_folder_without_both_template_files_is_not_a_template()
    {
        Directory.CreateDirectory(Path.Combine(_workflows, "templates", "half"));
        File.WriteAllText(Path.Combine(_workflows, "templates", "half", TemplateStore.BodyFile), "<p></p>");

        Assert.False(new TemplateStore(_workflows).Exists("half"));
    }
}
