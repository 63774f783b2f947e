using Microsoft.Extensions.Logging;

namespace WorkflowService.Runtime.Staff;

/// <summary>What changes to the staff log (the audit log in the database holds the details).</summary>
internal static partial class StaffLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor}: {Action} {Target}")]
    public static partial void StaffChanged(this ILogger logger, string actor, string action, string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} imported staff: {Created} created, {Updated} updated")]
    public static partial void StaffImported(this ILogger logger, string actor, int created, int updated);
}
