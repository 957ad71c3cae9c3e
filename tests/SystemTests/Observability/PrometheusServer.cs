using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AdapterPipeline.SystemTests.Observability;

/// <summary>
/// Debian's <c>prometheus</c> (installed by <c>./dev.sh test</c>) scraping the given targets every second, with its
/// database in a temporary folder, and its HTTP API for queries.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo directory;
    private readonly ConcurrentQueue<string> log = new();

    private PrometheusServer(Process process, DirectoryInfo directory, Uri api)
    {
        this.process = process;
        this.directory = directory;
        Api = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Api { get; }

    /// <summary>The last lines Prometheus logged, for a failure message.</summary>
    public string Log => string.Join('\n', log.TakeLast(20));

    public static PrometheusServer Start(IReadOnlyDictionary<string, Uri> targets)
    {
        var binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("prometheus is not installed (apt-get install prometheus; ./dev.sh test does it)");
        var directory = Directory.CreateTempSubdirectory("prometheus-");
        var config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
        foreach (var (job, uri) in targets)
        {
            config.Append(CultureInfo.InvariantCulture, $"  - job_name: {job}\n    static_configs:\n      - targets: ['{uri.Authority}']\n");
        }
        var configFile = Path.Combine(directory.FullName, "prometheus.yml");
        File.WriteAllText(configFile, config.ToString());

        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={configFile}", $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The value of an instant query that yields one series (e.g. a <c>sum(…)</c>); null while it yields none.</summary>
    public async Task<double?> ValueAsync(string query)
    {
        try
        {
            using var response = await Api.GetAsync($"api/v1/query?query={Uri.EscapeDataString(query)}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var result = body.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0
                ? null
                : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return null; // still starting
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        log.Enqueue(line);
        while (log.Count > 200 && log.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        directory.Delete(recursive: true);
    }
}
