using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// A real HTTP server in the test process (Kestrel on 127.0.0.1) that records every webhook it gets. Each test
/// uses its own path; the answers of a path are configurable (in order, the last one repeated).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
    {
        public string Id => Headers["webhook-id"];
    }

    private readonly ConcurrentQueue<Received> received = new();
    private readonly ConcurrentDictionary<string, Queue<int>> answers = new();
    private WebApplication app = null!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <param name="port">0 for any free port.</param>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var receiver = new WebhookReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        receiver.app = builder.Build();
        receiver.app.MapPost("/{**path}", receiver.HandleAsync);
        await receiver.app.StartAsync();
        receiver.BaseUrl = new Uri(receiver.app.Urls.First());
        return receiver;
    }

    /// <summary>A loopback port nothing listens on (yet).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string NewPath() => "/hooks/" + Guid.NewGuid().ToString("N")[..12];

    public string UrlFor(string path) => new Uri(BaseUrl, path).ToString();

    /// <summary>Answers the next requests to <paramref name="path"/> with these statuses in order, then the last one again and again.</summary>
    public void Answer(string path, params int[] statuses) => answers[path] = new Queue<int>(statuses);

    public IReadOnlyList<Received> At(string path) => received.Where(r => r.Path == path).ToList();

    public Task<IReadOnlyList<Received>> WaitForAsync(string path, int count = 1, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.FromResult(At(path)), got => got.Count >= count, timeout ?? TimeSpan.FromSeconds(20),
            $"{count} webhook(s) at {path}", got => $"{got.Count} webhook(s)");

    /// <summary>The Standard Webhooks check a receiver makes, written here independently of the service's signer.</summary>
    public static bool HasValidSignature(Received r, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{r.Headers["webhook-id"]}.{r.Headers["webhook-timestamp"]}.{r.Body}");
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        var fresh = Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(r.Headers["webhook-timestamp"])) < 300;
        return fresh && r.Headers["webhook-signature"].Split(' ').Contains(expected);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "/";
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        received.Enqueue(new Received(path, headers, body, DateTimeOffset.UtcNow));
        var status = StatusCodes.Status204NoContent;
        if (answers.TryGetValue(path, out var queue))
        {
            lock (queue)
            {
                status = queue.Count > 1 ? queue.Dequeue() : queue.Count == 1 ? queue.Peek() : status;
            }
        }
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400)
        {
            context.Response.Headers.Location = UrlFor(path + "/moved");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
