using WorkflowService.Testing;
using Microsoft.Playwright;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Browser.Tests.Support;

/// <summary>
/// The service on a real port (Kestrel) and Debian's Chromium driven by Playwright. Without
/// Chromium the tests skip locally, and fail in CI (WORKFLOWSERVICE_REQUIRE_BROWSER=1).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public WorkflowHost Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string? MissingBrowser()
    {
        if (File.Exists(ChromiumPath)) return null;
        var reason = $"Chromium not found at {ChromiumPath} (apt-get install chromium)";
        if (Environment.GetEnvironmentVariable("WORKFLOWSERVICE_REQUIRE_BROWSER") == "1")
            throw new InvalidOperationException(reason + "; browser tests must run in CI");
        return reason;
    }

    public async Task InitializeAsync()
    {
        if (MissingBrowser() is not null) return;
        Host = new WorkflowHost(new HostSettings { Settings = Telephony.Settings(ringSeconds: 5) });
        Host.UseKestrel(0);
        Host.StartServer();
        BaseUrl = Host.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser session (own cookies) signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignInAsync(string user, string? password = null, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password ?? (user == "admin" ? WorkflowHost.AdminPassword : WorkflowHost.DemoPassword));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        return page;
    }

    /// <summary>
    /// Saves a screenshot: into docs/screenshots (the README's) when WORKFLOWSERVICE_SCREENSHOTS=1,
    /// else into the test output folder, so a normal test run leaves the working tree untouched.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("WORKFLOWSERVICE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
