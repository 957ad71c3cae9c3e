using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.ServiceDefaults.Validation;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// Asks the metadata service over the bus and waits for its answer, so a success means the change is committed (and
/// the next read sees it). A <see cref="TrainingDataRejected"/> answer becomes an <see cref="ApiProblemException"/>.
/// </summary>
public sealed class MetadataRequests(IClientFactory clients, IOptions<TrainingDataOptions> options)
{
    public async Task<TResult> AskAsync<TRequest, TResult>(TRequest request, CancellationToken ct)
        where TRequest : class
        where TResult : class
    {
        var client = clients.CreateRequestClient<TRequest>(RequestTimeout.After(ms: (int)options.Value.MetadataRequestTimeout.TotalMilliseconds));
        var response = await client.GetResponse<TResult, TrainingDataRejected>(request, ct);
        if (response.Is(out Response<TResult>? answer))
        {
            return answer.Message;
        }
        response.Is(out Response<TrainingDataRejected>? rejected);
        var r = rejected!.Message;
        var kind = r.Reason == TrainingDataRejected.NotFound ? ProblemKind.NotFound : ProblemKind.Invalid;
        throw new ApiProblemException(kind, r.Detail, r.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
    }
}
