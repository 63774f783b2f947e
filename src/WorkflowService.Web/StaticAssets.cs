using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace WorkflowService.Web;

/// <summary>
/// The files under wwwroot, above all the browser bundles in wwwroot/dist (ClientApp/build.mjs):
/// bundles go out compressed (brotli or gzip, whichever the browser accepts; a compressed
/// response says <c>Vary: Accept-Encoding</c>), and source maps are served in Development only. Compressing on
/// the fly works the same for Debug and Release builds and for `dotnet run` and a published app;
/// the SDK's precompressed copies would need MapStaticAssets and its endpoint manifest.
/// </summary>
public static class StaticAssets
{
    /// <summary>Where the bundles are served from; the only responses compressed.</summary>
    public static readonly PathString Bundles = "/dist";

    public static IServiceCollection AddClientAssets(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // The bundles are the same bytes for everyone and hold no secret, so compressing them over
            // HTTPS gives a BREACH-style attack nothing to guess. Pages (tokens, user data) are not compressed.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Optimal (brotli 4, gzip 6) rather than the default Fastest: the Release designer.js goes out as
        // ~460 KB instead of ~520 KB for ~0.1 s of CPU. A browser that has a bundle revalidates it by
        // its ETag and gets a 304, which compresses nothing.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UseClientAssets(this IApplicationBuilder app, IWebHostEnvironment environment)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Bundles), bundles => bundles.UseResponseCompression());
        // Outside Development a source map is not found, for anyone (not a sign-in redirect). Release
        // builds write none; this keeps a Debug build's maps (the whole client source) private too.
        if (!environment.IsDevelopment())
            app.UseWhen(http => http.Request.Path.StartsWithSegments(Bundles) && IsSourceMap(http.Request.Path), maps => maps.Run(NotFound));
        return app.UseStaticFiles();
    }

    private static bool IsSourceMap(PathString path) =>
        path.Value?.EndsWith(".map", StringComparison.OrdinalIgnoreCase) == true;

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
