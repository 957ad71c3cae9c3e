using AdapterPipeline.Ingress.Problems;
using AdapterPipeline.Domain.Validation;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>Issuing, listing and revoking API keys; only a service key that is not read-only may.</summary>
public sealed class ApiKeysModule : ICarterModule
{
    public const int MaxExpiresInDays = 3650;

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/api-keys").WithTags("API keys").RequireAuthorization(CallerPolicies.Admin)
            .ProducesValidationProblem();
        group.MapPost("/", Create).WithSummary("Issues a key, service-scoped (user_id null) or bound to one user; the key is shown only here.");
        group.MapGet("/", List).WithSummary("Every issued key, without secrets.");
        group.MapDelete("/{key_id}", Revoke).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revokes a key; every instance refuses it within 5 seconds.");
    }

    private static async Task<Created<IssuedApiKey>> Create(ApiKeyBody? body, ApiKeyStore store, TimeProvider clock, CancellationToken ct)
    {
        body ??= new ApiKeyBody(null, null, null);
        var errors = new ValidationErrors();
        if (body.UserId is not null)
        {
            errors.AddIf("user_id", InputRules.IdProblem(body.UserId));
        }
        if (body.ExpiresInDays is < 1 or > MaxExpiresInDays)
        {
            errors.Add("expires_in_days", $"must be between 1 and {MaxExpiresInDays}, or null for no expiry");
        }
        ApiProblemException.ThrowIfAny(errors);

        var (keyId, token) = ApiKeyToken.Create();
        var now = clock.GetUtcNow();
        var expiresAt = body.ExpiresInDays is { } days ? now.AddDays(days) : (DateTimeOffset?)null;
        await store.AddAsync(new StoredApiKey(keyId, ApiKeyToken.Hash(token), body.UserId, body.ReadOnly ?? false, now, expiresAt, null, null), ct);
        return TypedResults.Created($"/admin/api-keys/{keyId}", new IssuedApiKey(keyId, token, body.UserId, body.ReadOnly ?? false, expiresAt));
    }

    private static async Task<Ok<ApiKeyList>> List(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok(new ApiKeyList((await store.ListAsync(ct))
            .Select(k => new ApiKeyDetails(k.KeyId, k.UserId, k.ReadOnly, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt)).ToList()));

    private static async Task<NoContent> Revoke(
        [FromRoute(Name = "key_id")] string keyId, ApiKeyStore store, ApiKeyVerifier verifier, TimeProvider clock, CancellationToken ct)
    {
        if (!await store.RevokeAsync(keyId, clock.GetUtcNow(), ct))
        {
            throw ApiProblemException.NotFound("key_id", $"No API key {keyId}.");
        }
        verifier.Forget(keyId);
        return TypedResults.NoContent();
    }
}
