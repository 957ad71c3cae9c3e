using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Outbox;

/// <summary>
/// Delivers outbox messages that the transition which stored them did not (the broker was down, the process died
/// after the commit). Only messages older than <see cref="OutboxOptions.RelayDelay"/> are taken, so the
/// transition's own delivery is not raced. Several instances may run: a message delivered twice has the same id, and
/// its consumers take a repeat as a no-op.
/// </summary>
public sealed partial class OutboxRelay(
    IDocumentStore store, IBus bus, MessageOutbox outbox, IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RelayInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RelayAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(ex);
            }
        }
    }

    /// <summary>Delivers up to one batch of due messages, oldest first; returns how many the broker took.</summary>
    public async Task<int> RelayAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - options.Value.RelayDelay;
        await using var session = store.LightweightSession();
        var due = await session.Query<OutboxMessage>().Where(m => m.CreatedAt < cutoff).OrderBy(m => m.CreatedAt).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        LogRelaying(due.Count);
        return await outbox.DispatchAsync(session, due, bus, bus, ct);
    }

    [LoggerMessage(LogLevel.Information, "Relaying {Count} outbox message(s) committed but not delivered")]
    private partial void LogRelaying(int count);

    [LoggerMessage(LogLevel.Warning, "The outbox relay could not read PostgreSQL; it tries again")]
    private partial void LogRelayFailed(Exception exception);
}
