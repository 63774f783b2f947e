namespace WorkflowService.Web.Auth;

/// <summary>What issuing tokens and seeding the demo users logs (a lockout test reads the token line).</summary>
internal static partial class AuthLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused to {User}: locked out after repeated failed sign-ins")]
    public static partial void TokenRefusedLockedOut(this ILogger logger, string? user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo users ready: {Users} (password from Demo:Password)")]
    public static partial void DemoUsersReady(this ILogger logger, string users);
}
