using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TrainingWorker.Reports;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>Uploads a job's adapter files under its staging prefix, where the packaging worker picks them up.</summary>
public sealed class AdapterStaging(ObjectStore store)
{
    public const string AdapterConfig = "adapter_config.json";
    public const string AdapterWeights = "adapter_model.safetensors";
    public const string LossCurve = "loss_curve.png";

    /// <summary>
    /// Uploads adapter_config.json, adapter_model.safetensors and training_manifest.json, and loss_curve.png when
    /// <paramref name="lossCurve"/> is given.
    /// </summary>
    public async Task UploadAsync(string stagingPrefix, AdapterFiles files, TrainingManifest manifest, byte[]? lossCurve, CancellationToken ct)
    {
        var prefix = stagingPrefix.EndsWith('/') ? stagingPrefix : stagingPrefix + "/";
        await UploadFileAsync(prefix + AdapterConfig, files.AdapterConfigPath, "application/json", ct);
        await UploadFileAsync(prefix + AdapterWeights, files.AdapterWeightsPath, "application/octet-stream", ct);

        // The manifest is small; written to a file first so the upload streams like the others.
        var manifestPath = Path.Combine(Path.GetDirectoryName(files.AdapterConfigPath)!, TrainingManifest.FileName);
        await using (var stream = File.Create(manifestPath))
        {
            await manifest.WriteAsync(stream, ct);
        }
        await UploadFileAsync(prefix + TrainingManifest.FileName, manifestPath, "application/json", ct);

        if (lossCurve is not null)
        {
            await using var png = new MemoryStream(lossCurve, writable: false);
            await store.UploadAsync(prefix + LossCurve, png, "image/png", ct);
        }
    }

    private async Task UploadFileAsync(string key, string path, string contentType, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        await store.UploadAsync(key, stream, contentType, ct);
    }
}
