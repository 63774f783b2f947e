using System.Reflection;
using WorkflowService.Engine.Execution;

namespace WorkflowService.Engine.Tests.Architecture;

public class EngineBoundaryTests
{
    private static readonly Assembly Engine = typeof(Interpreter).Assembly;

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Hangfire")]
    [InlineData("Microsoft.Extensions.DependencyInjection")]
    [InlineData("MailKit")]
    [InlineData("Fluid")]
    public void The_engine_references_no_host_framework(string forbiddenPrefix)
    {
        var references = Engine.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith(forbiddenPrefix, StringComparison.Ordinal));
        Assert.Contains("Jint", references); // the check sees real references, not an empty list
    }

    [Fact]
    public void The_engine_keeps_no_mutable_static_state()
    {
        var mutableStatics = Engine.GetTypes()
            .Where(t => !t.Name.StartsWith('<') && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral && !f.IsInitOnly && !f.Name.Contains('<', StringComparison.Ordinal))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();

        Assert.Empty(mutableStatics);
    }
}
