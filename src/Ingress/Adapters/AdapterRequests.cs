using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Ingress.Problems;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Adapters;

/// <summary>
/// Asks the metadata service about adapters and jobs over the bus. An <see cref="AdapterRequestRejected"/> answer
/// becomes an <see cref="ApiProblemException"/>: invalid and no_training_files → 422, not_found → 404,
/// job_running and conflict → 409.
/// </summary>
public sealed class AdapterRequests(IClientFactory clients, IOptions<AdapterApiOptions> options, TimeProvider clock)
{
    public Task<TResult> AskAsync<TRequest, TResult>(TRequest request, CancellationToken ct)
        where TRequest : class
        where TResult : class =>
        clients.AskAsync<TRequest, TResult, AdapterRequestRejected>(request, options.Value.RequestTimeout, ToProblem, ct);

    /// <summary>Polls the job until it ends or <see cref="AdapterApiOptions.CreateWaitTimeout"/> passes; null on timeout.</summary>
    public async Task<TrainingJobStatus?> WaitForEndAsync(Guid jobId, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.CreateWaitTimeout;
        while (clock.GetUtcNow() < deadline)
        {
            var status = await AskAsync<GetTrainingJob, TrainingJobStatus>(new GetTrainingJob(jobId), ct);
            if (TrainingJobStates.IsFinal(status.State))
            {
                return status;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, ct);
        }
        return null;
    }

    private static ApiProblemException ToProblem(AdapterRequestRejected r)
    {
        var kind = r.Reason switch
        {
            "not_found" => ProblemKind.NotFound,
            "job_running" or "conflict" => ProblemKind.Conflict,
            _ => ProblemKind.Unprocessable,
        };
        var errors = r.Errors?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [];
        if (r.RunningJobId is { } running)
        {
            errors["running_job_id"] = [running.ToString()];
        }
        return new ApiProblemException(kind, r.Detail, errors);
    }
}
