using System.Text.Json;

namespace AdapterPipeline.Ingress.Inference;

/// <summary>
/// What a completion request reserves against the tokens-per-minute quota before it is relayed, when no tokenizer is
/// at hand: about one token per four bytes of request body (the prompt, over-counted by its JSON), plus the new tokens
/// it may generate — its <c>max_completion_tokens</c> or <c>max_tokens</c>, at most the configured maximum, else that maximum.
/// </summary>
public static class TokenEstimate
{
    public const int BytesPerToken = 4;

    public static long Of(JsonElement body, int bodyBytes, int maxTokens)
    {
        var asked = Positive(body, "max_completion_tokens") ?? Positive(body, "max_tokens");
        var generated = asked is { } n ? Math.Min(n, maxTokens) : maxTokens;
        return (bodyBytes + BytesPerToken - 1) / BytesPerToken + generated;
    }

    private static long? Positive(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n > 0 ? n : null;
}
