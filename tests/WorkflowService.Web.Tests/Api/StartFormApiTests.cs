using System.Globalization;
using System.Net;
using System.Text.Json;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;
using static WorkflowService.Web.Tests.Records.RecordsApiTests;

namespace WorkflowService.Web.Tests.Api;

/// <summary>
/// A process's start form through the API: what it asks, and a work order whose process asks a start form refused for a
/// bad answer, naming the field, while the facts the desk takes from the records are never asked of the person.
/// </summary>
public sealed class StartFormApiTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const string VisitsField = """
        <camunda:formField id="visits" label="Visits" type="long">
          <camunda:validation><camunda:constraint name="max" config="5" /></camunda:validation>
        </camunda:formField>
        """;

    [Fact]
    public async Task The_start_form_lists_each_field_with_its_type_constraints_options_and_literal_default()
    {
        var owner = await service.As("owner");
        var key = await owner.DeployAsync(StartFormBpmn.Process($"start-form-{Guid.NewGuid():N}"[..24]));
        var agent = await service.As("agent");

        var form = (await agent.GetJsonAsync($"/api/definitions/{key}/start-form")).EnumerateArray().ToList();

        Assert.Equal(["fault", "units", "customer", "priority"], form.Select(f => f.GetProperty("id").GetString()!));
        Assert.Equal(["string", "long", "string", "enum"], form.Select(f => f.GetProperty("type").GetString()!));
        Assert.True(form[0].GetProperty("required").GetBoolean());
        Assert.Equal(50, form[0].GetProperty("maxLength").GetInt32());
        Assert.Equal("1", form[1].GetProperty("min").GetString());
        Assert.Equal(JsonValueKind.Number, form[1].GetProperty("value").ValueKind);
        Assert.Equal(1, form[1].GetProperty("value").GetInt64());
        Assert.False(form[0].TryGetProperty("value", out var noDefault) && noDefault.ValueKind != JsonValueKind.Null);
        Assert.Equal(["low", "high"], form[3].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
        Assert.Equal("Priority", form[3].GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_process_asking_nothing_has_an_empty_start_form_and_an_unknown_process_is_a_404()
    {
        var agent = await service.As("agent");

        Assert.Empty((await agent.GetJsonAsync("/api/definitions/complaint/start-form")).EnumerateArray());
        var missing = await ApiClient.ExpectProblemAsync(await agent.GetAsync("/api/definitions/no-such-process/start-form"),
            HttpStatusCode.NotFound);
        Assert.Contains("no-such-process", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_through_the_api_is_refused_naming_each_field_the_answers_get_wrong_and_starts_nothing()
    {
        var owner = await service.As("owner");
        var key = await owner.DeployAsync(StartFormBpmn.Process($"start-form-{Guid.NewGuid():N}"[..24]));
        var agent = await service.As("agent");

        var refused = await agent.PostAsync("/api/instances",
            new { definitionKey = key, variables = new { units = "abc", customer = "ACME", fault = new string('x', 51) } });

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Equal([("fault", "maxlength"), ("units", "type")], problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString()!, e.GetProperty("code").GetString()!)));
        Assert.Empty((await agent.GetJsonAsync($"/api/instances?definitionKey={key}")).EnumerateArray());
        await agent.PostJsonAsync("/api/instances",
            new { definitionKey = key, variables = new { units = 2, customer = "ACME", fault = "No display" } }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_order_whose_process_asks_a_start_form_is_refused_for_a_bad_answer_naming_the_field_and_uses_no_number()
    {
        // A new version of the training process asks a start form; customer (required) and units are the desk's facts.
        var owner = await service.As("owner");
        await owner.DeployAsync(StartFormBpmn.Process("training", VisitsField));
        var agent = await service.As("agent");
        var customer = await AddCustomerAsync(agent, "开始表单测试客户", "regular", ("钱工", null, "13800000009"));
        var before = await OpenAsync(agent, "training", customer, [], new { fault = "操作培训", visits = "2" });

        var refused = await agent.PostAsync("/api/orders",
            new { type = "training", customerId = customer, serials = Array.Empty<string>(), variables = new { fault = "操作培训", visits = "abc" } });

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("visits", error.GetProperty("field").GetString());
        Assert.Contains("Visits must be a whole number", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var after = await OpenAsync(agent, "training", customer, [], new { fault = "现场培训" });
        Assert.Equal(Sequence(before) + 1, Sequence(after));

        var variables = (await (await service.As("admin")).InstanceAsync(before.GetProperty("instanceId").GetGuid())).GetProperty("variables");
        Assert.Equal("开始表单测试客户", variables.GetProperty("customer").GetString());
        Assert.Equal(2, variables.GetProperty("visits").GetInt64());
    }

    private static int Sequence(JsonElement opened) =>
        int.Parse(opened.GetProperty("number").GetString()![^3..], CultureInfo.InvariantCulture);
}
