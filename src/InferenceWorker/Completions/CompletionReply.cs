using System.Text.Json;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// Writes a reply in OpenAI's wire format: one <c>chat.completion</c> / <c>text_completion</c> object, or server-sent
/// events of <c>chat.completion.chunk</c> / <c>text_completion</c> objects ending with <c>data: [DONE]</c>.
/// </summary>
public sealed class CompletionReply(HttpContext http, CompletionRequest request, bool chat)
{
    private static readonly JsonSerializerOptions Json = new();

    private readonly string id = (chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N");
    private readonly long created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private bool roleSent;

    public Task WriteWholeAsync(string text, GenerationResult result)
    {
        object choice = chat
            ? new { index = 0, message = new { role = "assistant", content = text }, logprobs = (object?)null, finish_reason = result.FinishReason }
            : new { index = 0, text, logprobs = (object?)null, finish_reason = result.FinishReason };
        return http.Response.WriteAsJsonAsync(new
        {
            id,
            @object = chat ? "chat.completion" : "text_completion",
            created,
            model = request.Model,
            choices = new[] { choice },
            usage = Usage(result),
        }, Json, http.RequestAborted);
    }

    public async Task StartStreamAsync()
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Proxies must not buffer the stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.StartAsync(http.RequestAborted);
    }

    public Task WriteChunkAsync(string piece) => SendAsync(Chunk(piece, null));

    public async Task EndStreamAsync(GenerationResult result)
    {
        await SendAsync(Chunk(null, result.FinishReason));
        if (request.IncludeUsage)
        {
            await SendAsync(new { id, @object = ChunkObject, created, model = request.Model, choices = Array.Empty<object>(), usage = Usage(result) });
        }
        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private string ChunkObject => chat ? "chat.completion.chunk" : "text_completion";

    private object Chunk(string? piece, string? finishReason)
    {
        object choice;
        if (chat)
        {
            // The first chunk names the role, as OpenAI's do.
            object delta = roleSent ? (piece is null ? new { } : new { content = piece }) : new { role = "assistant", content = piece ?? "" };
            roleSent = true;
            choice = new { index = 0, delta, logprobs = (object?)null, finish_reason = finishReason };
        }
        else
        {
            choice = new { index = 0, text = piece ?? "", logprobs = (object?)null, finish_reason = finishReason };
        }
        return new { id, @object = ChunkObject, created, model = request.Model, choices = new[] { choice } };
    }

    private async Task SendAsync(object payload)
    {
        await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(payload, Json) + "\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static object Usage(GenerationResult result) => new
    {
        prompt_tokens = result.PromptTokens,
        completion_tokens = result.CompletionTokens,
        total_tokens = result.PromptTokens + result.CompletionTokens,
    };
}
