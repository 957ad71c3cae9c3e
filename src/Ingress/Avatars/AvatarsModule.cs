using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Ingress.Problems;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Avatars;

/// <summary>The avatar's audit trail: its event stream, a page at a time.</summary>
public sealed class AvatarsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/avatars/{user_id}/{avatar_id}").WithTags("Avatars").WithRouteIdChecks()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status504GatewayTimeout);
        group.MapGet("/history", History).WithSummary("The avatar's events oldest first; pass next_after_version as after_version for the next page.");
    }

    private static async Task<Ok<AvatarHistory>> History(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [AsParameters] HistoryQuery query, ServiceRequests requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.AskAsync<GetAvatarHistory, AvatarHistory>(
            new GetAvatarHistory(userId, avatarId, query.AfterVersion ?? 0, query.Limit ?? 100), ct));
}

/// <summary>Query of the history endpoint: the version the previous page ended at, and the page size.</summary>
public sealed record HistoryQuery([FromQuery(Name = "after_version")] long? AfterVersion, [FromQuery(Name = "limit")] int? Limit);
