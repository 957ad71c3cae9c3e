namespace AdapterPipeline.Contracts.Staging;

/// <summary>
/// The files a training worker leaves in a job's staging folder (<c>StorageKeys.JobStaging</c>) for the packaging
/// worker, which puts the first three into the adapter ZIP under the same names.
/// </summary>
public static class StagedAdapterFiles
{
    /// <summary>PEFT's adapter_config.json.</summary>
    public const string Config = "adapter_config.json";

    /// <summary>The LoRA weights in PEFT's tensor names.</summary>
    public const string Weights = "adapter_model.safetensors";

    /// <summary>The <see cref="TrainingManifest"/>, written with <see cref="TrainingManifestJson"/>.</summary>
    public const string Manifest = "training_manifest.json";

    /// <summary>The loss curve; only trained adapters have one.</summary>
    public const string LossCurve = "loss_curve.png";
}
