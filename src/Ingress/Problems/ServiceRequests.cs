using MassTransit;

namespace AdapterPipeline.Ingress.Problems;

public static class ServiceRequests
{
    /// <summary>
    /// Asks a service over the bus and waits for its answer; a <typeparamref name="TRejected"/> answer is turned into
    /// the problem <paramref name="reject"/> describes. No answer within <paramref name="timeout"/> is a 504.
    /// </summary>
    public static async Task<TResult> AskAsync<TRequest, TResult, TRejected>(
        this IClientFactory clients, TRequest request, TimeSpan timeout, Func<TRejected, ApiProblemException> reject, CancellationToken ct)
        where TRequest : class
        where TResult : class
        where TRejected : class
    {
        var client = clients.CreateRequestClient<TRequest>(RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        var response = await client.GetResponse<TResult, TRejected>(request, ct);
        if (response.Is(out Response<TResult>? answer))
        {
            return answer.Message;
        }
        response.Is(out Response<TRejected>? rejected);
        throw reject(rejected!.Message);
    }
}
