using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Runtime.Instances;

namespace WorkflowService.Runtime.Mail;

/// <summary>The <c>send-email</c> topic and the outbox sender.</summary>
internal static class MailRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(sp => new TemplateStore(sp.GetRequiredService<WorkflowsLocation>().Directory));
        services.AddSingleton<SendEmailHandler>();
        services.AddSingleton<IInternalTopicHandler>(sp => sp.GetRequiredService<SendEmailHandler>());
        services.AddTransient<OutboxJob>();
    }
}
