using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

/// <summary>
/// A TCP proxy in front of one server that a test can take down and bring back: while down it resets every
/// connection, open or new, as a server that is gone would. Only what is pointed at it sees the outage.
/// </summary>
public sealed class SwitchableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private readonly CancellationTokenSource stop = new();
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly Task acceptLoop;
    private volatile bool down;
    private int refused;

    public SwitchableTcpProxy(Uri target)
    {
        targetHost = target.Host;
        targetPort = target.Port;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>Connections reset while down.</summary>
    public int Refused => Volatile.Read(ref refused);

    public void TakeDown()
    {
        down = true;
        foreach (var client in open.Keys)
        {
            Reset(client);
        }
    }

    public void BringBack() => down = false;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            if (down)
            {
                Interlocked.Increment(ref refused);
                Reset(client);
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        open[client] = 0;
        open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(targetHost, targetPort, stop.Token);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stop.Token), b.CopyToAsync(a, stop.Token));
        }
        catch (Exception)
        {
            // A relay ends when either side goes away, or when the proxy is taken down.
        }
        finally
        {
            open.TryRemove(client, out _);
            open.TryRemove(upstream, out _);
            Reset(client);
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (Exception)
        {
            // Already closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        foreach (var client in open.Keys)
        {
            Reset(client);
        }
        stop.Dispose();
    }
}
