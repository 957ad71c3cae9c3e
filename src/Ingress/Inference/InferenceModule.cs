using System.Text.Json;
using AdapterPipeline.Domain.Inference;
using AdapterPipeline.Ingress.Identity;
using Carter;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Inference;

/// <summary>
/// OpenAI-compatible chat and text completions with an avatar's adapter. The Ingress checks the caller and that it may
/// address the model's avatar (another user's avatar answers as an unknown model does), reserves the request's token
/// estimate against the tokens-per-minute quota, then relays the request to an inference worker and its answer —
/// streamed events included — back as it arrives.
/// </summary>
public sealed class InferenceModule : ICarterModule
{
    public const string Client = "inference";

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        // Generating text changes nothing stored, so read-only keys may chat; OpenAI's SDKs read its error shape.
        var group = app.MapGroup("/v1").WithTags("Inference").WithMetadata(new ChangesNothing(), new AnswersInOpenAiShape());
        group.MapPost("/chat/completions", (HttpContext http, IHttpClientFactory clients, TokenQuota quota, IOptions<InferenceOptions> options) =>
                RelayCompletionAsync(http, clients, quota, options.Value, "v1/chat/completions"))
            .WithSummary("OpenAI chat completions; model is {user_id}/{avatar_id}, {user_id}/{avatar_id}@v{n} or a base model name.");
        group.MapPost("/completions", (HttpContext http, IHttpClientFactory clients, TokenQuota quota, IOptions<InferenceOptions> options) =>
                RelayCompletionAsync(http, clients, quota, options.Value, "v1/completions"))
            .WithSummary("OpenAI text completions, addressed as chat completions are.");
        group.MapGet("/models", ModelListing.ListAsync)
            .WithSummary("The base models served and the caller's avatars that have a current version ({user_id}/{avatar_id}); a service key names the user with ?user_id=.");
    }

    private static async Task<IResult> RelayCompletionAsync(
        HttpContext http, IHttpClientFactory clients, TokenQuota quota, InferenceOptions options, string path)
    {
        var body = await ReadBodyAsync(http, options.MaxRequestBytes);
        if (body is null)
        {
            return OpenAiError.Result(StatusCodes.Status413RequestEntityTooLarge, $"The request body is over {options.MaxRequestBytes} bytes.", "body");
        }
        string? model;
        long estimate;
        try
        {
            using var json = JsonDocument.Parse(body);
            model = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("model", out var m)
                && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            estimate = TokenEstimate.Of(json.RootElement, body.Length, options.MaxTokens);
        }
        catch (JsonException)
        {
            return OpenAiError.Result(StatusCodes.Status400BadRequest, "The request body is not valid JSON.", "body");
        }
        if (string.IsNullOrEmpty(model))
        {
            return OpenAiError.Result(StatusCodes.Status400BadRequest, "'model' is required.", "model");
        }
        var address = ModelAddress.Parse(model);
        var caller = Caller.From(http.User) ?? throw new InvalidOperationException("The route requires an authenticated caller.");
        if (address is null || (address.IsAvatar && !caller.MayActFor(address.UserId!)))
        {
            return OpenAiError.ModelNotFound(model);
        }
        // An avatar's tokens count against its user, whoever relays them; a base model's against the caller's user, or a service key itself.
        var quotaKey = address.IsAvatar ? $"user:{address.UserId}" : caller.UserId is { } own ? $"user:{own}" : $"key:{caller.Id}";
        var decision = quota.TryReserve(quotaKey, estimate, options.TokensPerMinute);
        if (!decision.IsGranted)
        {
            var seconds = (long)Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return OpenAiError.Result(StatusCodes.Status429TooManyRequests,
                $"Rate limit reached for tokens per minute: limit {options.TokensPerMinute}, used {decision.Used}, requested {estimate}. Try again in {seconds}s.",
                null, "rate_limit_exceeded", "tokens");
        }
        var routingKey = address.IsAvatar ? $"{address.UserId}/{address.AvatarId}" : address.BaseModel!;
        return await RelayAsync(http, clients, options, HttpMethod.Post, path, body, routingKey);
    }

    // Tries the workers in routing order until one answers; the answer, whatever its status, is passed on as it streams.
    private static async Task<IResult> RelayAsync(
        HttpContext http, IHttpClientFactory clients, InferenceOptions options, HttpMethod method, string path, byte[]? body, string routingKey)
    {
        var ct = http.RequestAborted;
        var client = clients.CreateClient(Client);
        foreach (var worker in WorkerRouting.Order(routingKey, options.Workers))
        {
            using var request = new HttpRequestMessage(method, new Uri(new Uri(worker.TrimEnd('/') + "/"), path));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new("application/json");
            }
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException)
            {
                continue;
            }
            using (response)
            {
                http.Response.StatusCode = (int)response.StatusCode;
                http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
                if (response.Headers.CacheControl is { } cache)
                {
                    http.Response.Headers.CacheControl = cache.ToString();
                }
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                try
                {
                    await stream.CopyToAsync(http.Response.Body, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // The client left; disposing the upstream response tells the worker to stop decoding.
                }
                return Results.Empty;
            }
        }
        return OpenAiError.Result(StatusCodes.Status503ServiceUnavailable, "No inference worker is reachable.", null, "service_unavailable", "server_error");
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
