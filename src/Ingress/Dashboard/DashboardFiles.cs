using Microsoft.Extensions.FileProviders;

namespace AdapterPipeline.Ingress.Dashboard;

/// <summary>
/// The operator dashboard: static files under <c>/ui/</c>, same origin as the API. The files are served to anyone;
/// every API call they make carries the API key the user pasted in.
/// </summary>
public static class DashboardFiles
{
    public const string Path = "/ui";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        // Copied beside the assembly (see Ingress.csproj), so tests and published images find the same files.
        var files = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "Dashboard", "wwwroot"));
        // Answers /ui with a redirect to /ui/ and /ui/ with index.html. No endpoint may be mapped under /ui: static
        // files are served only to requests that routing left without an endpoint.
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
