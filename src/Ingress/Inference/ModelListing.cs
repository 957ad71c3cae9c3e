using System.Net.Http.Json;
using System.Text.Json.Serialization;
using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Ingress.Identity;
using AdapterPipeline.Ingress.Problems;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Inference;

/// <summary>
/// <c>GET /v1/models</c>: the base models a worker serves, then the avatars of one user that have a current adapter
/// version (from the metadata service's adapter read model): the caller's own for a user-bound key; for a service key
/// those of <c>?user_id=</c>, or none without it, so the answer stays one bounded query whatever the number of users.
/// </summary>
public static class ModelListing
{
    public static async Task<IResult> ListAsync(
        HttpContext http, IHttpClientFactory clients, ServiceRequests requests, IOptions<InferenceOptions> options, CancellationToken ct)
    {
        var caller = Caller.From(http.User) ?? throw new InvalidOperationException("The route requires an authenticated caller.");
        var asked = http.Request.Query["user_id"].ToString();
        if (asked.Length > 0 && InputRules.IdProblem(asked) is { } problem)
        {
            return OpenAiError.Result(StatusCodes.Status400BadRequest, $"'user_id' {problem}.", "user_id");
        }
        if (asked.Length > 0 && !caller.MayActFor(asked))
        {
            return OpenAiError.Result(StatusCodes.Status403Forbidden, "'user_id' is not the user this credential is bound to.", "user_id",
                "permission_denied", "permission_error");
        }
        var bases = await BasesAsync(clients, options.Value, ct);
        if (bases is null)
        {
            return OpenAiError.Result(StatusCodes.Status503ServiceUnavailable, "No inference worker is reachable.", null, "service_unavailable", "server_error");
        }
        var models = new List<ListedModel>(bases);
        if ((caller.UserId ?? (asked.Length > 0 ? asked : null)) is { } userId)
        {
            var served = await requests.AskAsync<ListServedAvatars, ServedAvatars>(new ListServedAvatars(userId, options.Value.MaxListedAvatars), ct);
            models.AddRange(served.Avatars.Select(a => new ListedModel($"{userId}/{a.AvatarId}", "model", a.CreatedAt.ToUnixTimeSeconds(), userId)));
        }
        return Results.Json(new ModelList("list", models));
    }

    // The first worker that answers names the bases; every worker serves the same configured list.
    private static async Task<IReadOnlyList<ListedModel>?> BasesAsync(IHttpClientFactory clients, InferenceOptions options, CancellationToken ct)
    {
        var client = clients.CreateClient(InferenceModule.Client);
        foreach (var worker in WorkerRouting.Order("", options.Workers))
        {
            try
            {
                var list = await client.GetFromJsonAsync<ModelList>(new Uri(new Uri(worker.TrimEnd('/') + "/"), "v1/models"), ct);
                return list?.Data ?? [];
            }
            catch (HttpRequestException)
            {
            }
        }
        return null;
    }

    /// <summary>OpenAI's model list.</summary>
    public sealed record ModelList([property: JsonPropertyName("object")] string Object, [property: JsonPropertyName("data")] IReadOnlyList<ListedModel> Data);

    /// <summary>One model: <c>created</c> is the unix time its current version was recorded (0 for a base).</summary>
    public sealed record ListedModel(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("object")] string Object,
        [property: JsonPropertyName("created")] long Created,
        [property: JsonPropertyName("owned_by")] string OwnedBy);
}
