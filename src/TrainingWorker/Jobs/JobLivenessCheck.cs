using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Requests;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Asks the metadata service whether a redelivered job is still live, so a job that was cancelled, failed or
/// succeeded while its delivery waited (a worker died, a cancel reached no worker) is never run again.
/// </summary>
public sealed partial class JobLivenessCheck(
    IRequestClient<GetTrainingJob> client, IOptions<TrainingJobOptions> options, ILogger<JobLivenessCheck> logger)
{
    /// <summary>
    /// The job's final state when it has already ended; null when it is live, or when no answer came within
    /// <see cref="TrainingJobOptions.LivenessCheckTimeout"/> (running it is then the safe side: the saga ignores
    /// the result of an ended job and removes its files).
    /// </summary>
    public async Task<string?> EndedStateAsync(Guid jobId, CancellationToken ct)
    {
        var timeout = options.Value.LivenessCheckTimeout;
        try
        {
            var response = await client.GetResponse<TrainingJobStatus, RequestRejected>(
                new GetTrainingJob(jobId), ct, RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
            return response.Is(out Response<TrainingJobStatus>? status) && TrainingJobStates.IsFinal(status.Message.State)
                ? status.Message.State
                : null;
        }
        catch (RequestTimeoutException)
        {
            LogNoAnswer(jobId, timeout.TotalSeconds);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "job {JobId}: the metadata service did not say within {Seconds} s whether the job is live; running it")]
    private partial void LogNoAnswer(Guid jobId, double seconds);
}
