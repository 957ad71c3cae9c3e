using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.ServiceDefaults.Validation;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Webhooks;

/// <summary>
/// What a webhook handler needs, bound with <c>[AsParameters]</c>: it asks the metadata service over the bus and
/// turns a <see cref="WebhookRequestRejected"/> answer into an <see cref="ApiProblemException"/>.
/// </summary>
public sealed record WebhookRequests(IClientFactory Clients, IOptions<TrainingDataOptions> Options)
{
    public async Task<TResult> AskAsync<TRequest, TResult>(TRequest request, CancellationToken ct)
        where TRequest : class
        where TResult : class
    {
        var client = Clients.CreateRequestClient<TRequest>(RequestTimeout.After(ms: (int)Options.Value.MetadataRequestTimeout.TotalMilliseconds));
        var response = await client.GetResponse<TResult, WebhookRequestRejected>(request, ct);
        if (response.Is(out Response<TResult>? answer))
        {
            return answer.Message;
        }
        response.Is(out Response<WebhookRequestRejected>? rejected);
        var r = rejected!.Message;
        var kind = r.Reason switch
        {
            WebhookRequestRejected.NotFound => ProblemKind.NotFound,
            WebhookRequestRejected.UrlRefused => ProblemKind.Unprocessable,
            _ => ProblemKind.Invalid,
        };
        throw new ApiProblemException(kind, r.Detail, r.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
    }
}
