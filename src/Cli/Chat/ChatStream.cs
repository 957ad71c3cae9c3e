using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using AdapterPipeline.Cli.Http;

namespace AdapterPipeline.Cli.Chat;

/// <summary>
/// One streamed chat completion (<c>POST /v1/chat/completions</c> with <c>stream: true</c>): each piece of text is handed
/// to <c>onText</c> as its event arrives, and the whole answer is returned after <c>data: [DONE]</c>.
/// </summary>
public static class ChatStream
{
    public static async Task<ChatAnswer> CompleteAsync(
        ApiClient api, ChatSettings settings, IReadOnlyList<ChatMessage> messages, Action<string> onText, CancellationToken ct)
    {
        var body = new
        {
            model = settings.Model,
            messages,
            max_tokens = settings.MaxTokens,
            temperature = settings.Temperature,
            seed = settings.Seed,
            stream = true,
            stream_options = new { include_usage = true },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = JsonContent.Create(body, options: ApiClient.Json) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await api.OpenAsync(request, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);

        var model = settings.Model;
        var content = new StringBuilder();
        string? finishReason = null;
        JsonElement? usage = null;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
        {
            if (item.Data == "[DONE]")
            {
                break;
            }
            using var json = JsonDocument.Parse(item.Data);
            var chunk = json.RootElement;
            if (chunk.TryGetProperty("error", out _))
            {
                throw ApiProblem.From((int)response.StatusCode, response.ReasonPhrase, item.Data);
            }
            if (chunk.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String)
            {
                model = m.GetString()!;
            }
            if (chunk.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            {
                usage = u.Clone();
            }
            if (!chunk.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var text)
                    && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } piece)
                {
                    content.Append(piece);
                    onText(piece);
                }
                if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String)
                {
                    finishReason = finish.GetString();
                }
            }
        }
        return new ChatAnswer(model, content.ToString(), finishReason, usage);
    }
}
