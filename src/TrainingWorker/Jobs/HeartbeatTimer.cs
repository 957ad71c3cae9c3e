using AdapterPipeline.Contracts.Training;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Publishes <see cref="TrainingHeartbeat"/> every interval until disposed, on its own timer: a step that takes
/// minutes on a large model still leaves the saga's watchdog a sign of life. Each carries the last step reached, so
/// the watchdog also sees a live worker that stopped making progress.
/// </summary>
internal sealed partial class HeartbeatTimer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private HeartbeatTimer(IPublishEndpoint publisher, Guid jobId, string worker, Func<int?> step, TimeSpan interval, TimeProvider clock, ILogger logger) =>
        loop = RunAsync(publisher, jobId, worker, step, interval, clock, logger);

    public static HeartbeatTimer Start(
        IPublishEndpoint publisher, Guid jobId, string worker, Func<int?> step, TimeSpan interval, TimeProvider clock, ILogger logger) =>
        new(publisher, jobId, worker, step, interval, clock, logger);

    private async Task RunAsync(IPublishEndpoint publisher, Guid jobId, string worker, Func<int?> step, TimeSpan interval, TimeProvider clock, ILogger logger)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await publisher.Publish(new TrainingHeartbeat(jobId, worker, clock.GetUtcNow(), step()), stop.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed heartbeat is the watchdog's business; it must not end the job.
                    LogHeartbeatFailed(logger, ex, jobId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "job {JobId}: heartbeat could not be published")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, Guid jobId);
}
