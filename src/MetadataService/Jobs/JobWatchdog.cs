using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Finds running jobs whose worker went silent (no heartbeat or progress within <see cref="JobOptions.HeartbeatTimeout"/>)
/// and cancellations no worker confirmed, and tells their sagas. Packaging sends no heartbeats: a packaging worker
/// that dies hands its message back, and one that gives up reports PackagingFailed. It polls PostgreSQL, so it survives restarts and
/// needs no broker-side scheduler; several instances may run, since the saga ignores a second report.
/// </summary>
public sealed partial class JobWatchdog(
    IDocumentStore store, IBus bus, IOptions<JobOptions> options, TimeProvider clock, ILogger<JobWatchdog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchdogInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(ex);
            }
        }
    }

    public async Task CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var silentSince = now - options.Value.HeartbeatTimeout;
        var cancelSince = now - options.Value.CancellationTimeout;
        await using var session = store.QuerySession();
        var live = await session.Query<TrainingJob>()
            .Where(j => j.CurrentState == "Running")
            .ToListAsync(ct);
        foreach (var job in live)
        {
            if (job.CancelRequestedAt is { } requested && requested < cancelSince)
            {
                await bus.Publish(new JobCancellationOverdue(job.CorrelationId), ct);
            }
            else if (job.UpdatedAt < silentSince)
            {
                LogSilent(job.CorrelationId, (now - job.UpdatedAt).TotalSeconds);
                await bus.Publish(new JobHeartbeatLost(job.CorrelationId, now - job.UpdatedAt), ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Job {JobId}: no heartbeat for {Seconds:0} s; failing it")]
    private partial void LogSilent(Guid jobId, double seconds);

    [LoggerMessage(LogLevel.Error, "The job watchdog's check failed; trying again at the next interval")]
    private partial void LogCheckFailed(Exception ex);
}
