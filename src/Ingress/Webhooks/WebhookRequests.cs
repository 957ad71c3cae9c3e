using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Problems;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Webhooks;

/// <summary>
/// What a webhook handler needs, bound with <c>[AsParameters]</c>: it asks the metadata service over the bus and
/// turns a <see cref="WebhookRequestRejected"/> answer into an <see cref="ApiProblemException"/>.
/// </summary>
public sealed record WebhookRequests(IClientFactory Clients, IOptions<TrainingDataOptions> Options)
{
    public Task<TResult> AskAsync<TRequest, TResult>(TRequest request, CancellationToken ct)
        where TRequest : class
        where TResult : class =>
        Clients.AskAsync<TRequest, TResult, WebhookRequestRejected>(request, Options.Value.MetadataRequestTimeout, ToProblem, ct);

    private static ApiProblemException ToProblem(WebhookRequestRejected r)
    {
        var kind = r.Reason switch
        {
            WebhookRequestRejected.NotFound => ProblemKind.NotFound,
            WebhookRequestRejected.UrlRefused => ProblemKind.Unprocessable,
            _ => ProblemKind.Invalid,
        };
        return new ApiProblemException(kind, r.Detail, r.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
    }
}
