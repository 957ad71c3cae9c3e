namespace AdapterPipeline.InferenceWorker.Serving;

/// <summary>The <c>Inference</c> section of the worker.</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>The most new tokens one request may ask for; also what a request without <c>max_tokens</c> gets.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>How many bytes of LoRA weights the adapter cache holds before it evicts the least recently used.</summary>
    public long AdapterCacheBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The most requests one base model decodes together in a batch; more wait to join.</summary>
    public int MaxBatchRows { get; set; } = 16;

    /// <summary><c>cpu</c> (float32) or <c>cuda</c> (bfloat16), as TorchSharp names devices.</summary>
    public string Device { get; set; } = "cpu";
}
