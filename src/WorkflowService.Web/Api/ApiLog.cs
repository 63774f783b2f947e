namespace WorkflowService.Web.Api;

/// <summary>What turning a failed request into its answer logs.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: {Message}")]
    public static partial void RequestRefused(this ILogger logger, string method, PathString path, int status, string message);
}
