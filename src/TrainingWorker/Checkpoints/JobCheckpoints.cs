using Amazon.S3;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Checkpoints;

/// <summary>
/// A training job's checkpoints in S3 (<see cref="StorageKeys.JobCheckpoint"/>): the latest one is fetched when a
/// job starts, so a redelivered job resumes from it, replaced as training saves newer ones, and removed when the job ends.
/// </summary>
public sealed partial class JobCheckpoints(ObjectStore store, IOptions<CheckpointOptions> options, TimeProvider clock, ILogger<JobCheckpoints> logger)
{
    /// <summary>Fetches the job's checkpoint, if an earlier attempt left one, and starts uploading the ones training saves.</summary>
    public async Task<CheckpointUploads> OpenAsync(IPublishEndpoint publisher, StartTraining job, string workDirectory, CancellationToken ct)
    {
        var key = Key(job);
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, "checkpoints")).FullName;
        string? resumeFrom = null;
        using (var response = await store.GetAsync(key, ct))
        {
            if (response is not null)
            {
                resumeFrom = Path.Combine(directory, "resume-from.bin");
                await using var file = File.Create(resumeFrom);
                await response.ResponseStream.CopyToAsync(file, ct);
            }
        }
        return new CheckpointUploads(store, key, job.JobId, resumeFrom, directory, options.Value.Policy, publisher, clock, logger);
    }

    /// <summary>Removes the job's checkpoint; a failure is logged, since the end of the job removes its staging folder too.</summary>
    public async Task RemoveAsync(StartTraining job)
    {
        try
        {
            await store.DeleteAsync(Key(job), CancellationToken.None);
        }
        catch (Exception ex) when (ex is AmazonS3Exception or HttpRequestException or IOException)
        {
            LogRemoveFailed(logger, ex, job.JobId);
        }
    }

    private static string Key(StartTraining job) => StorageKeys.JobCheckpoint(job.UserId, job.AvatarId, job.JobId);

    [LoggerMessage(LogLevel.Warning, "job {JobId}: the checkpoint could not be removed")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, Guid jobId);
}
