using Microsoft.Extensions.DependencyInjection;

namespace WorkflowService.Runtime.Mail;

/// <summary>STUB: the mail implementation registers its services here.</summary>
internal static class MailRegistration
{
    public static void Add(IServiceCollection services) => services.AddTransient<OutboxJob>();
}
