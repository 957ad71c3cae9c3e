using System.Security.Claims;
using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Inference;
using AdapterPipeline.Ingress.Problems;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Avatars;

/// <summary>The avatar's audit trail (its event stream, a page at a time) and its system prompt.</summary>
public sealed class AvatarsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/avatars/{user_id}/{avatar_id}").WithTags("Avatars").WithRouteIdChecks()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status504GatewayTimeout);
        group.MapGet("/history", History).WithSummary("The avatar's events oldest first; pass next_after_version as after_version for the next page.");
        group.MapPut("/system-prompt", SetSystemPrompt)
            .WithSummary("Stores the avatar's system prompt, put first in every chat with the avatar; recorded in its history.");
        group.MapGet("/system-prompt", GetSystemPrompt).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The avatar's system prompt.");
        group.MapDelete("/system-prompt", ClearSystemPrompt).WithSummary("Removes the avatar's system prompt (also when none is set).");
    }

    private static async Task<Ok<AvatarHistory>> History(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        [AsParameters] HistoryQuery query, ServiceRequests requests, CancellationToken ct) =>
        TypedResults.Ok(await requests.AskAsync<GetAvatarHistory, AvatarHistory>(
            new GetAvatarHistory(userId, avatarId, query.AfterVersion ?? 0, query.Limit ?? 100), ct));

    private static async Task<Ok<SystemPromptView>> SetSystemPrompt(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId,
        SystemPromptBody? body, ServiceRequests requests, IOptions<InferenceOptions> options, ClaimsPrincipal user, CancellationToken ct)
    {
        var text = body?.SystemPrompt;
        if (InputRules.SystemPromptProblem(text, options.Value.SystemPromptMaxLength) is { } problem)
        {
            throw ApiProblemException.Invalid("system_prompt", problem);
        }
        var stored = await requests.AskAsync<SetSystemPrompt, AvatarSystemPrompt>(new SetSystemPrompt(userId, avatarId, text!, Caller.IdOf(user)), ct);
        return TypedResults.Ok(new SystemPromptView(stored.Text, stored.UpdatedAt));
    }

    private static async Task<Ok<SystemPromptView>> GetSystemPrompt(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, ServiceRequests requests, CancellationToken ct)
    {
        var stored = await requests.AskAsync<GetSystemPrompt, AvatarSystemPrompt>(new GetSystemPrompt(userId, avatarId), ct);
        return TypedResults.Ok(new SystemPromptView(stored.Text, stored.UpdatedAt));
    }

    private static async Task<NoContent> ClearSystemPrompt(
        [FromRoute(Name = "user_id")] string userId, [FromRoute(Name = "avatar_id")] string avatarId, ServiceRequests requests, ClaimsPrincipal user,
        CancellationToken ct)
    {
        await requests.AskAsync<ClearSystemPrompt, AvatarSystemPromptCleared>(new ClearSystemPrompt(userId, avatarId, Caller.IdOf(user)), ct);
        return TypedResults.NoContent();
    }
}

/// <summary>Query of the history endpoint: the version the previous page ended at, and the page size.</summary>
public sealed record HistoryQuery([FromQuery(Name = "after_version")] long? AfterVersion, [FromQuery(Name = "limit")] int? Limit);

/// <summary>Body of PUT system-prompt.</summary>
public sealed record SystemPromptBody(string? SystemPrompt);

/// <summary>The avatar's system prompt as the API shows it.</summary>
public sealed record SystemPromptView(string SystemPrompt, DateTimeOffset UpdatedAt);
