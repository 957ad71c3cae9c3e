using AdapterPipeline.Contracts.Usage;
using AdapterPipeline.Ingress.Problems;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Usage;

/// <summary>A user's usage against every quota: the metadata service's, the webhook service's and the Ingress's own.</summary>
public sealed class UsageModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGroup("/usage/{user_id}").WithTags("Usage").WithRouteIdChecks()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .MapGet("/", Get).WithSummary("Usage against every quota (jobs, avatars, files, bytes, webhook subscriptions, open event streams).");
    }

    private static async Task<Ok<UserUsage>> Get(
        [FromRoute(Name = "user_id")] string userId, ServiceRequests requests, OpenEventStreams streams, CancellationToken ct)
    {
        var metadata = requests.AskAsync<GetUserUsage, UserUsage>(new GetUserUsage(userId), ct);
        var webhooks = requests.AskAsync<GetWebhookUsage, UserUsage>(new GetWebhookUsage(userId), ct);
        return TypedResults.Ok(new UserUsage(userId,
        [
            .. (await metadata).Quotas,
            .. (await webhooks).Quotas,
            new QuotaUsage(Quotas.OpenEventStreamsPerUser, streams.Limit, streams.OpenFor(userId)),
        ]));
    }
}
