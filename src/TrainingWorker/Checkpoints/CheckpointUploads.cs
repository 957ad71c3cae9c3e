using System.Threading.Channels;
using Amazon.S3;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TrainingWorker.Training;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Checkpoints;

/// <summary>
/// Uploads the checkpoints a run saves, newest wins, on a loop of its own so training never waits for S3, and
/// publishes <see cref="TrainingResumed"/> when the run resumes. Dispose once training has ended: it waits for the
/// upload in flight, so a worker that hands its job back leaves its latest checkpoint behind.
/// </summary>
public sealed partial class CheckpointUploads : IAsyncDisposable
{
    private readonly Channel<SavedCheckpoint> saved = Channel.CreateUnbounded<SavedCheckpoint>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ObjectStore store;
    private readonly string key;
    private readonly Guid jobId;
    private readonly IPublishEndpoint publisher;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Task loop;
    private Task resumed = Task.CompletedTask;

    internal CheckpointUploads(ObjectStore store, string key, Guid jobId, string? resumeFrom, string directory, CheckpointPolicy policy,
        IPublishEndpoint publisher, TimeProvider clock, ILogger logger)
    {
        (this.store, this.key, this.jobId, this.publisher, this.clock, this.logger) = (store, key, jobId, publisher, clock, logger);
        Checkpoints = new TrainingCheckpoints(resumeFrom, directory, policy, c => saved.Writer.TryWrite(c), OnResumed);
        loop = UploadAsync();
    }

    /// <summary>What to hand the trainer.</summary>
    public TrainingCheckpoints Checkpoints { get; }

    public async ValueTask DisposeAsync()
    {
        saved.Writer.TryComplete();
        await loop;
        await resumed;
    }

    private void OnResumed(int step)
    {
        LogResumed(logger, jobId, step);
        resumed = publisher.Publish(new TrainingResumed(jobId, step, clock.GetUtcNow()));
    }

    private async Task UploadAsync()
    {
        await foreach (var checkpoint in saved.Reader.ReadAllAsync())
        {
            try
            {
                // Only the newest matters: older files still queued are dropped unsent.
                if (saved.Reader.TryPeek(out _))
                {
                    continue;
                }
                await using (var file = File.OpenRead(checkpoint.Path))
                {
                    await store.UploadAsync(key, file, "application/octet-stream", CancellationToken.None);
                }
                LogSaved(logger, jobId, checkpoint.Step);
            }
            catch (Exception ex) when (ex is AmazonS3Exception or HttpRequestException or IOException)
            {
                LogSaveFailed(logger, ex, jobId, checkpoint.Step);
            }
            finally
            {
                File.Delete(checkpoint.Path);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "job {JobId}: checkpoint saved after step {Step}")]
    private static partial void LogSaved(ILogger logger, Guid jobId, int step);

    [LoggerMessage(LogLevel.Warning, "job {JobId}: the checkpoint after step {Step} could not be saved")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, Guid jobId, int step);

    [LoggerMessage(LogLevel.Information, "job {JobId}: resuming after step {Step}")]
    private static partial void LogResumed(ILogger logger, Guid jobId, int step);
}
