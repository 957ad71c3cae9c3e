using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Domain.Validation;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Problems;

/// <summary>
/// The one way the Ingress asks a service over the bus and waits for its answer, so a success means the change is
/// committed (and the next read sees it). A <see cref="RequestRejected"/> answer becomes an
/// <see cref="ApiProblemException"/> (see <see cref="ProblemMapping.ToProblem(RequestRejected)"/>); no answer within
/// <c>TrainingData:MetadataRequestTimeout</c> is a 504.
/// </summary>
public sealed class ServiceRequests(IClientFactory clients, IOptions<TrainingDataOptions> options)
{
    public async Task<TResult> AskAsync<TRequest, TResult>(TRequest request, CancellationToken ct)
        where TRequest : class
        where TResult : class
    {
        var response = await Client<TRequest>().GetResponse<TResult, RequestRejected>(request, ct);
        if (response.Is(out Response<TResult>? answer))
        {
            return answer.Message;
        }
        response.Is(out Response<RequestRejected>? rejected);
        throw ProblemMapping.ToProblem(rejected!.Message);
    }

    /// <summary>For a request answered in one of two ways; exactly one of the pair is set.</summary>
    public async Task<(TFirst? First, TSecond? Second)> AskAsync<TRequest, TFirst, TSecond>(TRequest request, CancellationToken ct)
        where TRequest : class
        where TFirst : class
        where TSecond : class
    {
        var response = await Client<TRequest>().GetResponse<TFirst, TSecond, RequestRejected>(request, ct);
        if (response.Is(out Response<TFirst>? first))
        {
            return (first.Message, null);
        }
        if (response.Is(out Response<TSecond>? second))
        {
            return (null, second.Message);
        }
        response.Is(out Response<RequestRejected>? rejected);
        throw ProblemMapping.ToProblem(rejected!.Message);
    }

    private IRequestClient<TRequest> Client<TRequest>() where TRequest : class =>
        clients.CreateRequestClient<TRequest>(RequestTimeout.After(ms: (int)options.Value.MetadataRequestTimeout.TotalMilliseconds));
}
