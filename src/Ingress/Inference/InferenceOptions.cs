namespace AdapterPipeline.Ingress.Inference;

/// <summary>The <c>Inference</c> section of the Ingress: where the inference workers listen, and the /v1 limits.</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Base addresses of the inference workers (e.g. <c>http://127.0.0.1:8090</c>); empty turns the /v1 API off (503).</summary>
    public List<string> Workers { get; set; } = [];

    /// <summary>The most bytes a completion request body may have.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most new tokens one request may ask for, as the workers read the same key; the quota reserves this much for
    /// a request that names no <c>max_tokens</c>.
    /// </summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Tokens (estimated prompt plus max tokens) one user may reserve in any sliding minute; 0 = unlimited.</summary>
    public long TokensPerMinute { get; set; } = 40_000;

    /// <summary>The longest system prompt an avatar may store, in characters.</summary>
    public int SystemPromptMaxLength { get; set; } = 8000;

    /// <summary>The most avatars <c>GET /v1/models</c> lists for one user.</summary>
    public int MaxListedAvatars { get; set; } = 1000;
}
