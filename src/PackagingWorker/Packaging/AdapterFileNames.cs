namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>The files a training worker stages and the names they carry inside the adapter ZIP.</summary>
public static class AdapterFileNames
{
    public const string Config = "adapter_config.json";
    public const string Weights = "adapter_model.safetensors";
    public const string Manifest = "training_manifest.json";
    public const string LossCurve = "loss_curve.png";
    public const string ModelCard = "README.md";

    /// <summary>ZIP entries in the order they are written.</summary>
    public static readonly IReadOnlyList<string> ZipEntries = [Config, Weights, Manifest, ModelCard];
}
