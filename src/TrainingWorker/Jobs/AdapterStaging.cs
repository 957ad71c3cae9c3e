using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>Uploads a job's adapter files to its staging folder, where the packaging worker picks them up.</summary>
public sealed class AdapterStaging(ObjectStore store)
{
    /// <summary>
    /// Uploads adapter_config.json, adapter_model.safetensors and training_manifest.json to
    /// <paramref name="stagingFolder"/> (<see cref="StorageKeys.JobStaging"/>), and loss_curve.png when
    /// <paramref name="lossCurve"/> is given.
    /// </summary>
    public async Task UploadAsync(string stagingFolder, AdapterFiles files, TrainingManifest manifest, byte[]? lossCurve, CancellationToken ct)
    {
        await UploadFileAsync(stagingFolder + StagedAdapterFiles.Config, files.AdapterConfigPath, "application/json", ct);
        await UploadFileAsync(stagingFolder + StagedAdapterFiles.Weights, files.AdapterWeightsPath, "application/octet-stream", ct);

        // The manifest is small; written to a file first so the upload streams like the others.
        var manifestPath = Path.Combine(Path.GetDirectoryName(files.AdapterConfigPath)!, StagedAdapterFiles.Manifest);
        await using (var stream = File.Create(manifestPath))
        {
            await TrainingManifestJson.WriteAsync(stream, manifest, ct);
        }
        await UploadFileAsync(stagingFolder + StagedAdapterFiles.Manifest, manifestPath, "application/json", ct);

        if (lossCurve is not null)
        {
            await using var png = new MemoryStream(lossCurve, writable: false);
            await store.UploadAsync(stagingFolder + StagedAdapterFiles.LossCurve, png, "image/png", ct);
        }
    }

    private async Task UploadFileAsync(string key, string path, string contentType, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        await store.UploadAsync(key, stream, contentType, ct);
    }
}
