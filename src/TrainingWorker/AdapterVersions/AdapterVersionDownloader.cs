using System.IO.Compression;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.AdapterVersions;

/// <summary>Fetches a stored adapter version (init_from_version) and unpacks its PEFT files for the trainer to start from.</summary>
public sealed class AdapterVersionDownloader(ObjectStore store)
{
    /// <summary>Returns the directory holding the version's adapter_config.json and adapter_model.safetensors.</summary>
    /// <exception cref="InvalidTrainingRequestException">The version is not stored (deleted since the job was accepted).</exception>
    public async Task<string> DownloadAsync(StartTraining job, int version, string workDirectory, CancellationToken ct)
    {
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, "init-from")).FullName;
        var zipPath = Path.Combine(directory, "version.zip");
        using (var response = await store.GetAsync(StorageKeys.AdapterVersion(job.UserId, job.AvatarId, job.AdapterName, version), ct))
        {
            if (response is null)
            {
                throw new InvalidTrainingRequestException(new Dictionary<string, string[]>
                {
                    ["init_from_version"] = [$"version {version} of adapter '{job.AdapterName}' is not stored"],
                });
            }
            await using var file = File.Create(zipPath);
            await response.ResponseStream.CopyToAsync(file, ct);
        }
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            foreach (var name in new[] { StagedAdapterFiles.Config, StagedAdapterFiles.Weights })
            {
                var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"version {version} has no {name}");
                entry.ExtractToFile(Path.Combine(directory, name));
            }
        }
        File.Delete(zipPath);
        return directory;
    }
}
