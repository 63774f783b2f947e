using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkflowService.Testing;
using WorkflowService.Web.Tests.Support;

namespace WorkflowService.Web.Tests.Pages;

/// <summary>
/// The browser bundles in wwwroot/dist (ClientApp/build.mjs, readable with source maps in Debug,
/// minified without maps in Release): sent compressed to a browser that accepts it and the same
/// bytes once decompressed; their source maps (the whole client source) served in Development
/// only. Test hosts run in the "Testing" environment, which stands for Production here.
/// </summary>
public sealed partial class StaticAssetTests(RealClockService service, DevelopmentService development)
    : IClassFixture<RealClockService>, IClassFixture<DevelopmentService>
{
    private IWebHostEnvironment HostEnvironment => service.Host.Services.GetRequiredService<IWebHostEnvironment>();
    private string Dist => Path.Combine(HostEnvironment.WebRootPath, "dist");

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData(null, null)]
    public async Task A_bundle_is_sent_compressed_to_a_browser_that_accepts_it(string? acceptEncoding, string? expectedEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dist/designer.js");
        if (acceptEncoding is not null) request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);

        var response = await service.Host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expectedEncoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        if (expectedEncoding is not null) Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var sent = await response.Content.ReadAsByteArrayAsync();
        var bundle = await File.ReadAllBytesAsync(Path.Combine(Dist, "designer.js"));
        if (expectedEncoding is not null) Assert.True(sent.Length < bundle.Length / 2, $"{sent.Length} bytes sent for {bundle.Length}");
        Assert.Equal(bundle, Decompress(sent, expectedEncoding));
    }

    [Fact]
    public async Task A_page_is_not_compressed_because_it_carries_tokens_and_user_data()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");

        var response = await service.Host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_source_map_is_served_in_Development_only()
    {
        var map = Path.Combine(Dist, "designer.js.map");
        Skip.IfNot(File.Exists(map), "this is a Release build, which writes no source maps");

        // Anonymous and not following redirects: not found, rather than sent to sign in.
        var elsewhere = await service.Host.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/dist/designer.js.map");
        var inDevelopment = await development.Host.CreateClient().GetAsync("/dist/designer.js.map");

        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.DoesNotContain("\"sources\"", await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, inDevelopment.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(map), await inDevelopment.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_bundle_names_a_source_map_only_when_the_build_wrote_it()
    {
        var bundles = Directory.GetFiles(Dist, "*.js").Concat(Directory.GetFiles(Dist, "*.css")).ToList();
        Assert.Contains(bundles, b => Path.GetFileName(b) == "designer.js");
        // The stamp build.mjs leaves in the web project's obj folder says which mode built the bundles.
        var release = File.Exists(Path.Combine(HostEnvironment.ContentRootPath, "obj", "client-app-release.stamp"));
        Assert.NotEqual(release, File.Exists(Path.Combine(HostEnvironment.ContentRootPath, "obj", "client-app-debug.stamp")));
        foreach (var bundle in bundles)
        {
            var named = SourceMappingUrl().Match(File.ReadAllText(bundle));
            if (release) Assert.False(named.Success, $"{Path.GetFileName(bundle)} names a source map in a Release build");
            else Assert.True(named.Success && File.Exists(Path.Combine(Dist, named.Groups[1].Value)),
                $"{Path.GetFileName(bundle)} names no source map that exists");
        }
    }

    private static byte[] Decompress(byte[] body, string? encoding)
    {
        if (encoding is null) return body;
        using Stream input = new MemoryStream(body);
        using Stream decoder = encoding == "br"
            ? new BrotliStream(input, CompressionMode.Decompress)
            : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex(@"sourceMappingURL=(\S+?)\s*(?:\*/)?\s*$")]
    private static partial Regex SourceMappingUrl();
}

/// <summary>
/// The service in the Development environment, as `dotnet run` starts it (launchSettings.json).
/// Its own data folder; only <see cref="WorkflowHost"/>'s set-up is reused.
/// </summary>
public sealed class DevelopmentService : IAsyncLifetime
{
    private readonly WorkflowHost _base = new();

    public WebApplicationFactory<Program> Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = _base.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        _ = Host.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _base.DisposeAsync();
        TempFolder.TryDelete(_base.Settings.DataDirectory);
    }
}
