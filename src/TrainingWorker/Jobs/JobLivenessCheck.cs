using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Requests;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Asks the metadata service for a delivered job's state before it runs (<see cref="JobStartRule"/>), so a job that was
/// cancelled, failed or succeeded while its delivery waited (a worker died, a cancel reached no worker), or one
/// delivered twice, is never run again.
/// </summary>
public sealed partial class JobLivenessCheck(
    IRequestClient<GetTrainingJob> client, IOptions<TrainingJobOptions> options, ILogger<JobLivenessCheck> logger)
{
    private const int Attempts = 3;

    /// <summary>
    /// The job's state (<see cref="TrainingJobStates"/>); null when the metadata service does not know the job or no
    /// answer came within <see cref="TrainingJobOptions.LivenessCheckTimeout"/>.
    /// </summary>
    public async Task<string?> StateAsync(Guid jobId, CancellationToken ct)
    {
        var timeout = options.Value.LivenessCheckTimeout;
        // Asked again rather than waited on: a worker that has just started takes its first job before the queue its
        // answers come back on is bound, so the first answer can be lost.
        var perAttempt = RequestTimeout.After(ms: (int)(timeout.TotalMilliseconds / Attempts));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await client.GetResponse<TrainingJobStatus, RequestRejected>(new GetTrainingJob(jobId), ct, perAttempt);
                return response.Is(out Response<TrainingJobStatus>? status) ? status.Message.State : null;
            }
            catch (RequestTimeoutException) when (attempt < Attempts)
            {
            }
            catch (RequestTimeoutException)
            {
                LogNoAnswer(jobId, timeout.TotalSeconds);
                return null;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "job {JobId}: the metadata service did not say within {Seconds} s whether the job is live; running it")]
    private partial void LogNoAnswer(Guid jobId, double seconds);
}
