using System.IO.Compression;
using System.Text.Json;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.InferenceWorker.Adapters;

/// <summary>
/// Finds an avatar's adapter in S3 — the version <c>current.json</c> names, or a pinned one — and reads it from its
/// ZIP through the adapter cache. The pointer is read on every request, so a restore or a new version is served at once.
/// </summary>
public sealed class AdapterStore(ObjectStore objects, AdapterCache cache, ServedBases bases, BaseModelRegistry registry)
{
    /// <summary>The adapter every avatar is served with; the metadata service names it so when none is given.</summary>
    public const string AdapterName = "default";

    /// <summary>The version <c>current.json</c> names, or null when the avatar has no adapter.</summary>
    public async Task<int?> CurrentVersionAsync(string userId, string avatarId, CancellationToken ct)
    {
        using var pointer = await objects.GetAsync(StorageKeys.AdapterPointer(userId, avatarId, AdapterName), ct);
        if (pointer is null)
        {
            return null;
        }
        using var json = await JsonDocument.ParseAsync(pointer.ResponseStream, cancellationToken: ct);
        return json.RootElement.GetProperty("version").GetInt32();
    }

    /// <summary>A lease on the version's adapter, read from S3 unless cached; null when that version is not stored.</summary>
    public async Task<AdapterLease?> LeaseAsync(AdapterKey key, CancellationToken ct)
    {
        if (cache.TryLease(key) is { } cached)
        {
            return cached;
        }
        var directory = Path.Combine(Path.GetTempPath(), "adapter-pipeline", "serving", Guid.NewGuid().ToString("N"));
        try
        {
            if (!await ExtractAsync(key, directory, ct))
            {
                return null;
            }
            var peftBase = PeftAdapterFiles.ReadConfig(directory).BaseModelNameOrPath;
            var baseName = registry.NameOfPeftBase(peftBase)
                ?? throw new InvalidDataException($"The adapter's base model '{peftBase}' is not served here.");
            var served = await bases.GetAsync(baseName, ct);
            var lora = PeftAdapterFiles.Read(directory, served.Model.Model);
            return cache.Add(new LoadedAdapter(key, baseName, lora));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private async Task<bool> ExtractAsync(AdapterKey key, string directory, CancellationToken ct)
    {
        using var zip = await objects.GetAsync(StorageKeys.AdapterVersion(key.UserId, key.AvatarId, AdapterName, key.Version), ct);
        if (zip is null)
        {
            return false;
        }
        Directory.CreateDirectory(directory);
        using var buffer = new MemoryStream();
        await zip.ResponseStream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        using var archive = new ZipArchive(buffer, ZipArchiveMode.Read);
        foreach (var name in new[] { StagedAdapterFiles.Config, StagedAdapterFiles.Weights })
        {
            var entry = archive.GetEntry(name) ?? throw new InvalidDataException($"The adapter ZIP has no {name}.");
            entry.ExtractToFile(Path.Combine(directory, name));
        }
        return true;
    }
}
