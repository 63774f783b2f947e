using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Staff;

namespace WorkflowService.Web.Tests.Support;

/// <summary>People made and read for the staff page tests, and signing in with a password of one's own.</summary>
public static class StaffShortcuts
{
    /// <summary>The first password an admin gives a new person in these tests.</summary>
    public const string FirstPassword = "first-password-1";

    /// <summary>A user or group name no other test uses.</summary>
    public static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>The person as admins see them, or null when there is no such person.</summary>
    public static async Task<StaffMember?> FindPersonAsync(this WorkflowHost host, string userName)
    {
        using var scope = host.Services.CreateScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<StaffDirectory>().GetAsync(userName);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Adds a person as the admin would, with <see cref="FirstPassword"/> (to be changed at the first sign-in).</summary>
    public static async Task CreatePersonAsync(this WorkflowHost host, string userName, string role, string group)
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<StaffDirectory>()
            .CreateAsync("admin", new StaffProfile(userName, "新同事 " + userName, null, null, [role], [group]), FirstPassword);
    }

    /// <summary>Signs in through the form with any password (<see cref="PageSession.SignInAsync"/> knows only the demo ones).</summary>
    public static async Task<(PageSession Session, HttpResponseMessage Response)> SignInWithAsync(this WorkflowHost host, string userName,
        string password, string? language = null)
    {
        var session = PageSession.Anonymous(host, language);
        await session.GetAsync("/login");
        var response = await session.PostFormAsync("/login", new() { ["UserName"] = userName, ["Password"] = password });
        return (session, response);
    }
}
