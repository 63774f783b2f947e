using System.Reflection;
using Microsoft.EntityFrameworkCore;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Tasks;
using WorkflowService.Web.Auth;
using WorkflowService.Web.Pages;

namespace WorkflowService.Web.Tests.Architecture;

/// <summary>
/// One road from the web to the data: pages, APIs, hubs and the hotline read and write through the
/// Runtime's services and the records those return, never through the EF context, its entities or EF
/// Core itself; and the Runtime knows nothing of the web.
/// </summary>
public sealed class WebBoundaryTests
{
    private static readonly Assembly Web = typeof(CallerFactory).Assembly;
    private static readonly Assembly Runtime = typeof(TaskService).Assembly;
    private static readonly Assembly AfterSales = typeof(WorkflowService.AfterSales.Orders.WorkOrderDesk).Assembly;
    private static readonly Assembly Engine = typeof(WorkflowService.Engine.Model.ProcessModel).Assembly;

    /// <summary>
    /// The composition root: where the web wires the Runtime's EF context into the host. Identity's and data
    /// protection's EF stores and the database health check need the context type by name; nothing else does.
    /// </summary>
    private static readonly string[] CompositionRoot =
    [
        "Program",
        "WorkflowService.Web.WorkflowWebExtensions",
        "WorkflowService.Web.Auth.AuthSetup",
    ];

    /// <summary>
    /// Identity's user: the web signs people in through Identity's UserManager and SignInManager, which are typed
    /// on it. Those managers are Identity's own port to the user store, not the EF context.
    /// </summary>
    private static readonly Type[] IdentityTypes = [typeof(WorkflowUser)];

    private static readonly HashSet<Type> RuntimeEntities = MappedEntitiesOfTheRuntime();
    private static readonly HashSet<Type> AfterSalesEntities = MappedEntitiesOfAfterSales();

    [Fact]
    public void No_type_of_the_web_outside_the_composition_root_uses_the_database_directly()
    {
        var offences = TypeReferences.Of(Web)
            .Where(r => !CompositionRoot.Contains(r.Owner.FullName))
            .Select(r => (Reference: r, Why: WhyForbidden(r.Used)))
            .Where(x => x.Why is not null)
            .GroupBy(x => (x.Reference.Owner, x.Reference.Used))
            .Select(g => $"{g.Key.Owner.FullName} uses {Name(g.Key.Used)} ({g.First().Why}), e.g. in {g.First().Reference.Where}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offences.Count == 0, "The web reaches the database around the Runtime's services:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_scan_sees_the_database_in_the_composition_root_and_services_inside_async_page_handlers()
    {
        var references = TypeReferences.Of(Web).ToList();

        // AuthSetup names the context only as a generic argument inside a method body: the scan reads IL, not just signatures.
        Assert.Contains(references, r => r.Owner.FullName == "WorkflowService.Web.Auth.AuthSetup" && WhyForbidden(r.Used) is not null);
        // The inbox calls the task service only from an async method, i.e. from a compiler-generated state machine type.
        Assert.Contains(references, r => r.Owner == typeof(InboxModel) && r.Used == typeof(TaskQuery)
                                         && r.Where.Contains("d__", StringComparison.Ordinal));
        Assert.Contains(typeof(TaskRecord), RuntimeEntities);
    }

    [Fact]
    public void The_generic_platform_knows_nothing_of_the_after_sales_records()
    {
        var name = AfterSales.GetName().Name;

        Assert.DoesNotContain(name, Runtime.GetReferencedAssemblies().Select(a => a.Name));
        Assert.DoesNotContain(name, Engine.GetReferencedAssemblies().Select(a => a.Name));
        Assert.DoesNotContain(Web.GetName().Name, AfterSales.GetReferencedAssemblies().Select(a => a.Name));
        Assert.Contains(Runtime.GetName().Name, AfterSales.GetReferencedAssemblies().Select(a => a.Name)); // the list is real
        Assert.Contains(typeof(WorkflowService.AfterSales.Persistence.WorkOrderRecord), AfterSalesEntities);
    }

    [Fact]
    public void The_runtime_does_not_reference_the_web()
    {
        var references = Runtime.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(Web.GetName().Name, references);
        Assert.DoesNotContain(references, r => r!.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal));
        Assert.Contains("WorkflowService.Engine", references); // the list is real, not empty
    }

    private static string? WhyForbidden(Type used)
    {
        if (IdentityTypes.Contains(used)) return null;
        if (typeof(WorkflowDbContext).IsAssignableFrom(used)) return "the Runtime's EF context";
        if (used == typeof(WorkflowDbFactory)) return "the Runtime's EF context factory";
        if (RuntimeEntities.Contains(used)) return "an EF entity of the Runtime";
        if (typeof(WorkflowService.AfterSales.Persistence.AfterSalesDbContext).IsAssignableFrom(used)) return "the after-sales EF context";
        if (AfterSalesEntities.Contains(used)) return "an EF entity of AfterSales";
        if (used.Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
            || used.Assembly.GetName().Name!.Contains("EntityFrameworkCore", StringComparison.Ordinal))
            return "Entity Framework Core";
        return null;
    }

    /// <summary>The classes of the Runtime's persistence namespace that the EF model maps, read from the model itself.</summary>
    private static HashSet<Type> MappedEntitiesOfTheRuntime()
    {
        var options = new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqliteWorkflowDbContext(options);
        return db.Model.GetEntityTypes().Select(e => e.ClrType)
            .Where(t => t.Assembly == Runtime && t.Namespace == typeof(TaskRecord).Namespace)
            .ToHashSet();
    }

    private static HashSet<Type> MappedEntitiesOfAfterSales()
    {
        var options = new DbContextOptionsBuilder<WorkflowService.AfterSales.Persistence.SqliteAfterSalesDbContext>()
            .UseSqlite("Data Source=:memory:").Options;
        using var db = new WorkflowService.AfterSales.Persistence.SqliteAfterSalesDbContext(options);
        return db.Model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.Assembly == AfterSales).ToHashSet();
    }

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.FullName ?? type.Name;
}
