using System.Net.Sockets;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// The named <see cref="HttpClient"/> webhooks are sent with. Redirects are not followed (a 3xx is a failed attempt),
/// no proxy is used, and every connection goes only to an address <see cref="WebhookUrlGuard"/> allows, checked on
/// the address actually dialled, so a host that re-resolves to an internal address (DNS rebinding) is refused.
/// </summary>
public static class WebhookHttpClient
{
    public const string Name = "webhooks";

    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name, c =>
            {
                // Each attempt has its own deadline (WebhookOptions.Timeout), so the client's own stays out of the way.
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.UserAgent.ParseAdd("AdapterPipeline-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<WebhookUrlGuard>()));
        return services;
    }

    public static SocketsHttpHandler CreateHandler(WebhookUrlGuard guard) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(guard, context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct),
    };

    private static async ValueTask<Stream> ConnectAsync(WebhookUrlGuard guard, string host, int port, CancellationToken ct)
    {
        var addresses = await WebhookUrlGuard.ResolveAsync(host, ct);
        var allowed = addresses.Where(a => guard.AddressProblem(a) is null).ToArray();
        if (allowed.Length == 0)
        {
            var problem = addresses.Select(guard.AddressProblem).FirstOrDefault(p => p is not null) ?? "does not resolve";
            throw new WebhookAddressRefusedException($"refused: host '{host}' {problem}");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The host of a callback URL resolved only to addresses the configuration refuses.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
