namespace WorkflowService.Web.Hotline;

public static class HotlineSetup
{
    /// <summary>The hotline: options (validated at start-up), the telephony webhook's services, the call banner's notifier.</summary>
    public static void AddHotline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HotlineOptions>().Bind(builder.Configuration.GetSection(HotlineOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TelephonyOptions>().Bind(builder.Configuration.GetSection(TelephonyOptions.Section))
            .Validate(o => o.IsStrongOrEmpty, $"Telephony:Secret must be empty or at least {TelephonyOptions.MinSecretLength} characters long")
            .ValidateOnStart();
        services.AddSingleton<TelephonyGate>();
        services.AddSingleton<CallDesk>();
        services.AddScoped<TelephonyService>();
        services.AddSingleton<HotlineNotifier>();
        services.AddSingleton<PhoneCalls>();
        services.AddSingleton<CallOrders>();
    }
}
