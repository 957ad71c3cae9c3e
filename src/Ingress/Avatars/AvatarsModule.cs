using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.ServiceDefaults.Validation;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Avatars;

/// <summary>The avatar's audit trail: its event stream, a page at a time.</summary>
public sealed class AvatarsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/avatars/{user_id}/{avatar_id}/history", History).WithTags("Avatars")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status504GatewayTimeout)
            .WithSummary("The avatar's events oldest first; pass next_after_version as after_version for the next page.");

    private static async Task<Ok<AvatarHistory>> History(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [FromQuery(Name = "after_version")] long? afterVersion, [FromQuery] int? limit,
        ServiceRequests requests, CancellationToken ct)
    {
        ApiProblemException.ThrowIfAny(InputRules.CheckAvatar(userId, avatarId));
        return TypedResults.Ok(await requests.AskAsync<GetAvatarHistory, AvatarHistory>(
            new GetAvatarHistory(userId, avatarId, afterVersion ?? 0, limit ?? 100), ct));
    }
}
