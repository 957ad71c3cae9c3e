using System.Text.Json;
using AdapterPipeline.InferenceWorker.Adapters;
using AdapterPipeline.InferenceWorker.Serving;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// OpenAI's <c>/v1/chat/completions</c>, <c>/v1/completions</c> and <c>/v1/models</c>, for the Ingress to relay; the
/// worker trusts the Ingress to have checked the caller and that the caller may address the model.
/// </summary>
public static class CompletionsEndpoints
{
    public static IEndpointRouteBuilder MapCompletions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", (HttpContext http, CompletionService service, IOptions<InferenceOptions> options) =>
            HandleAsync(http, service, options.Value, chat: true));
        app.MapPost("/v1/completions", (HttpContext http, CompletionService service, IOptions<InferenceOptions> options) =>
            HandleAsync(http, service, options.Value, chat: false));
        app.MapGet("/v1/models", (ServedBases bases) => Results.Json(new
        {
            @object = "list",
            data = bases.Names.Order(StringComparer.Ordinal).Select(n => new { id = n, @object = "model", created = 0, owned_by = "system" }),
        }));
        return app;
    }

    private static async Task HandleAsync(HttpContext http, CompletionService service, InferenceOptions options, bool chat)
    {
        var ct = http.RequestAborted;
        try
        {
            JsonDocument body;
            try
            {
                body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            }
            catch (JsonException)
            {
                throw OpenAiException.Invalid("body", "The request body is not valid JSON.");
            }
            using (body)
            {
                var request = CompletionRequestParser.Parse(body.RootElement, chat, options.MaxTokens);
                await using var prepared = await service.PrepareAsync(request, ct);
                var reply = new CompletionReply(http, request, chat);
                if (request.Stream)
                {
                    await reply.StartStreamAsync();
                    var result = await prepared.RunAsync(reply.WriteChunkAsync, ct);
                    await reply.EndStreamAsync(result);
                }
                else
                {
                    var text = new System.Text.StringBuilder();
                    var result = await prepared.RunAsync(piece => { text.Append(piece); return Task.CompletedTask; }, ct);
                    await reply.WriteWholeAsync(text.ToString(), result);
                }
            }
        }
        catch (OpenAiException ex) when (!http.Response.HasStarted)
        {
            http.Response.StatusCode = ex.Status;
            await http.Response.WriteAsJsonAsync(ex.Body, CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; decoding has stopped.
        }
    }
}
