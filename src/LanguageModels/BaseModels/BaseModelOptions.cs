using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>
/// Base models, bound from the <c>Training</c> section:
/// <code>
/// "Training": {
///   "ModelCacheDirectory": "/var/cache/adapter-pipeline/models",
///   "BaseModels": {
///     "qwen2-0.5b": { "HubId": "Qwen/Qwen2.5-0.5B" },     // downloaded from S3 models/qwen2-0.5b/
///     "gpt2": { "Path": "/models/gpt2", "Architecture": "Gpt2" }
///   }
/// }
/// </code>
/// The built-ins tiny-llama and tiny-gpt2 are always available.
/// </summary>
public sealed class BaseModelOptions
{
    public const string Section = "Training";

    /// <summary>Where built-in models are generated and S3 models downloaded.</summary>
    public string ModelCacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "adapter-pipeline", "models");

    public Dictionary<string, BaseModelSource> BaseModels { get; set; } = new(StringComparer.Ordinal);
}

public sealed class BaseModelSource
{
    /// <summary>A local directory in Hugging Face layout; when empty the model is fetched from S3 <c>models/{name}/</c>.</summary>
    public string? Path { get; set; }

    /// <summary>Optional; lets requests be checked against the model's layer names before it is downloaded.</summary>
    public ModelArchitecture? Architecture { get; set; }

    /// <summary>
    /// The Hugging Face model id these weights are (e.g. <c>Qwen/Qwen2.5-0.5B</c>); written as the adapter's
    /// <c>base_model_name_or_path</c> so PEFT, vLLM and LoRAX resolve the base. Without it the registry name is written.
    /// </summary>
    public string? HubId { get; set; }
}
