using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Problems;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// Asks the metadata service over the bus and waits for its answer, so a success means the change is committed (and
/// the next read sees it). A <see cref="TrainingDataRejected"/> answer becomes an <see cref="ApiProblemException"/>.
/// </summary>
public sealed class MetadataRequests(IClientFactory clients, IOptions<TrainingDataOptions> options)
{
    public Task<TResult> AskAsync<TRequest, TResult>(TRequest request, CancellationToken ct)
        where TRequest : class
        where TResult : class =>
        clients.AskAsync<TRequest, TResult, TrainingDataRejected>(request, options.Value.MetadataRequestTimeout, ToProblem, ct);

    private static ApiProblemException ToProblem(TrainingDataRejected r) => new(
        r.Reason == TrainingDataRejected.NotFound ? ProblemKind.NotFound : ProblemKind.Invalid,
        r.Detail,
        r.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
}
