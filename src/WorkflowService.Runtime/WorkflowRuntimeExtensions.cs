using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkflowService.Engine.Calendars;
using WorkflowService.Engine.Execution;
using WorkflowService.Engine.Parsing;
using WorkflowService.Runtime.Configuration;
using WorkflowService.Runtime.Definitions;
using WorkflowService.Runtime.Groups;
using WorkflowService.Runtime.ExternalTasks;
using WorkflowService.Runtime.Instances;
using WorkflowService.Runtime.Messages;
using WorkflowService.Runtime.Persistence;
using WorkflowService.Runtime.Scheduling;
using WorkflowService.Runtime.Tasks;

namespace WorkflowService.Runtime;

public static class WorkflowRuntimeExtensions
{
    /// <summary>
    /// Everything the runtime needs: storage (SQLite or PostgreSQL), the engine, Hangfire for
    /// timers and mail, and the services the API calls. Options are validated at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowRuntime(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<StorageOptions>().Bind(config.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkflowsOptions>().Bind(config.GetSection(WorkflowsOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(config.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AppOptions>().Bind(config.GetSection(AppOptions.Section))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                "App:TimeZone is not a time zone this machine knows: give an IANA id such as Asia/Shanghai")
            .ValidateOnStart();
        services.AddOptions<Calendars.CalendarsOptions>().Bind(config.GetSection(Calendars.CalendarsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SchedulingOptions>().Bind(config.GetSection(SchedulingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Staff.AccessCacheOptions>().Bind(config.GetSection(Staff.AccessCacheOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Staff.AccessCache>();
        services.AddSingleton<Staff.AccessCacheInvalidation>();

        // A relative data folder is relative to the content root (the web project's folder under
        // `dotnet run`, the application folder when published), not to whatever the working directory is.
        var contentRoot = builder.Environment.ContentRootPath;
        services.PostConfigure<StorageOptions>(o => o.DataDirectory = Path.GetFullPath(o.DataDirectory, contentRoot));
        var storage = config.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        storage.DataDirectory = Path.GetFullPath(storage.DataDirectory, contentRoot);
        var scheduling = config.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        AddStorage(services, storage);

        // Registered first: migrations and deployment finish before any job or sweep runs.
        services.AddHostedService<WorkflowStartup>();
        services.AddSingleton<Calendars.CalendarStore>();
        services.AddSingleton<WorkflowService.Engine.Calendars.ICalendarSource>(sp => sp.GetRequiredService<Calendars.CalendarStore>());
        services.AddSingleton<Calendars.CalendarSeeding>();
        services.AddTransient<Calendars.ScheduleReminder>();
        services.AddSingleton(_ => WorkflowsLocation.Resolve(
            config.GetSection(WorkflowsOptions.Section).Get<WorkflowsOptions>()?.Directory, builder.Environment.ContentRootPath));

        services.AddSingleton(_ => new BpmnParser());
        services.TryAddSingleton<ICalendarSource>(NoCalendars.Instance);
        services.AddSingleton(sp => new Interpreter(new InterpreterOptions { Calendars = sp.GetRequiredService<ICalendarSource>() }));
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<ProcessTexts>();
        services.AddSingleton<DefinitionService>();
        services.AddSingleton<DraftService>();
        services.AddSingleton<DefinitionCatalog>();
        services.AddSingleton<StartTimers>();
        services.AddSingleton<CommandApplier>();
        services.AddSingleton<EffectDispatcher>();
        services.AddSingleton<InstanceRunner>();
        services.TryAddSingleton(sp => new Milestones.MilestoneRegistry(sp.GetServices<Milestones.MilestoneDefinition>()));
        services.AddSingleton<Milestones.MilestoneBuilder>();
        services.AddSingleton<InstanceService>();
        services.AddSingleton<InstanceCatalog>();
        services.AddSingleton<PeriodRecords>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<MessageCorrelator>();
        services.AddSingleton<ExternalTaskService>();
        services.AddSingleton<GroupDirectory>();
        // Staff administration works with Identity's UserManager (scoped), which the host registers.
        services.AddScoped<Staff.StaffDirectory>();
        services.AddScoped<Staff.GroupAdministration>();
        services.AddScoped<Staff.StaffImporter>();
        services.AddSingleton<Staff.SignInState>();
        services.AddSingleton<ClusterLocks>();
        services.TryAddSingleton<IWorkflowNotifier, NoNotifier>();
        services.AddTransient<TimerJob>();
        services.AddSingleton<SlaWarnings>();
        services.AddSingleton<TimerRecompute>();
        services.AddSingleton<Calendars.ICalendarChangeListener, CalendarEditedTimers>();
        services.AddHostedService<CalendarTimersAtStartUp>();
        services.AddSingleton<ITimerScheduler, HangfireTimerScheduler>();
        TimerHorizon.Register(services, config);
        services.AddSingleton<IOutboxDispatcher, HangfireOutboxDispatcher>();
        Mail.MailRegistration.Add(services);
        Notifications.Personal.PersonalRegistration.Add(services, config);
        Notifications.Robots.RobotRegistration.Add(services, config);

        AddHangfire(services, storage, scheduling);
        services.AddSingleton<TimerSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerSweeper>());
        return builder;
    }

    private static void AddStorage(IServiceCollection services, StorageOptions storage)
    {
        var connectionString = storage.EffectiveConnectionString;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            // Pooled: every step creates a context, and building one (its internal service scope) cost
            // about a tenth of a step's CPU; a pooled context is reset on return, so a step still starts
            // with nothing tracked.
            // A list in a query (ids.Contains(x)) goes as one parameter (SQLite json_each, PostgreSQL an array), not one
            // parameter per value: a report's month holds more ids than the 32,766 parameters SQLite takes in one command.
            services.AddPooledDbContextFactory<SqliteWorkflowDbContext>((sp, o) => o
                .UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(WorkflowDbContext).Assembly.FullName)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new SqlitePragmas(), new SqliteStatementReuse(), sp.GetRequiredService<Staff.AccessCacheInvalidation>()));
            services.AddSingleton(_ => new SqliteOpenConnections(connectionString));
            services.AddSingleton(sp =>
            {
                var contexts = sp.GetRequiredService<IDbContextFactory<SqliteWorkflowDbContext>>();
                var connections = sp.GetRequiredService<SqliteOpenConnections>();
                return new WorkflowDbFactory(() => connections.Lend(contexts.CreateDbContext()));
            });
        }
        else
        {
            services.AddPooledDbContextFactory<PostgreSqlWorkflowDbContext>((sp, o) =>
                o.UseNpgsql(connectionString, n => n.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(sp.GetRequiredService<Staff.AccessCacheInvalidation>()));
            services.AddSingleton(sp => WorkflowDbFactory.From(sp.GetRequiredService<IDbContextFactory<PostgreSqlWorkflowDbContext>>()));
        }
        // SQLite has one write lock, so one lane; PostgreSQL writes several batches side by side.
        services.AddSingleton(sp =>
        {
            var batcher = new WriteBatcher(sp.GetRequiredService<WorkflowDbFactory>(), storage.Batching,
                storage.Provider == StorageProvider.Sqlite ? 1 : storage.Batching.Lanes,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WriteBatcher>>());
            batcher.Aborted += sp.GetRequiredService<DefinitionCache>().Clear;
            return batcher;
        });
        services.AddSingleton<TransientRetry>();
        services.AddSingleton<TransactionRunner>();
        // Scoped context for ASP.NET Core Identity's stores.
        services.AddScoped<WorkflowDbContext>(sp => sp.GetRequiredService<WorkflowDbFactory>().Create());
    }

    /// <summary>
    /// Hangfire with storage and activator owned by this container (not Hangfire's statics), so
    /// several hosts in one process (tests) do not run each other's jobs.
    /// </summary>
    private static void AddHangfire(IServiceCollection services, StorageOptions storage, SchedulingOptions scheduling)
    {
        services.AddSingleton<JobStorage>(_ => storage.Provider == StorageProvider.PostgreSql && scheduling.UseDatabaseJobStorage
            ? PostgreSqlJobStorage(storage.EffectiveConnectionString, scheduling.PollingInterval)
            : new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(1) }));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, cfg) =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // Hangfire logs through one process-wide provider, by default the starting host's logger factory; a process
            // that runs several hosts one after another (the tests) registers one that outlives them all.
            if (sp.GetService<Hangfire.Logging.ILogProvider>() is { } logs) cfg.UseLogProvider(logs);
        });
        services.AddHangfireServer((sp, o) =>
        {
            o.SchedulePollingInterval = scheduling.PollingInterval;
            o.WorkerCount = scheduling.WorkerCount;
            o.ServerName = $"workflow-{Environment.MachineName}-{Guid.NewGuid():N}"[..40];
        });
    }

    private static PostgreSqlStorage PostgreSqlJobStorage(string connectionString, TimeSpan pollInterval)
    {
        var options = new PostgreSqlStorageOptions { QueuePollInterval = pollInterval, PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>
    /// Keeps <paramref name="milestone"/> for reports: each instance's first leaving of one of its elements, written in
    /// the step (see <see cref="Milestones.MilestoneDefinition"/>); a database from before is filled in at start-up.
    /// </summary>
    public static IServiceCollection AddMilestone(this IServiceCollection services, Milestones.MilestoneDefinition milestone) =>
        services.AddSingleton(milestone);
}
