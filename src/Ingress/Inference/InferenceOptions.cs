namespace AdapterPipeline.Ingress.Inference;

/// <summary>The <c>Inference</c> section of the Ingress: where the inference workers listen.</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Base addresses of the inference workers (e.g. <c>http://127.0.0.1:8090</c>); empty turns the /v1 API off (503).</summary>
    public List<string> Workers { get; set; } = [];

    /// <summary>The most bytes a completion request body may have.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;
}
