using System.Security.Cryptography;
using System.Text.Json;
using AdapterPipeline.Contracts.Packaging;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>The stored ZIP; <paramref name="AlreadyStored"/> when an earlier delivery of the same job had stored it.</summary>
public sealed record PackagedAdapter(StoredObject Zip, bool AlreadyStored);

/// <summary>
/// Builds a job's adapter ZIP from its staged files into a temp file (adapters of real models are hundreds of MB) and
/// stores it with the job id and SHA-256 as object metadata, so a redelivery recognises its own earlier upload.
/// </summary>
public sealed class AdapterPackager(ObjectStore store, ILogger<AdapterPackager> logger)
{
    public const string ContentType = "application/zip";

    /// <summary>The manifest and loss curve are read into memory; anything larger is not what a training worker writes.</summary>
    private const long MaxInMemoryBytes = 64L * 1024 * 1024;

    public async Task<PackagedAdapter> PackageAsync(PackageAdapter message, CancellationToken ct)
    {
        var key = StorageKeys.AdapterVersion(message.UserId, message.AvatarId, message.AdapterName, message.Version);
        if (await FindEarlierUploadAsync(key, message, ct) is { } earlier)
        {
            logger.LogInformation("Job {JobId}: version {Version} is already stored by this job; not building it again", message.JobId, message.Version);
            return new PackagedAdapter(earlier, AlreadyStored: true);
        }

        try
        {
            return new PackagedAdapter(await BuildAndStoreAsync(key, message, ct), AlreadyStored: false);
        }
        catch (StagedFileMissingException)
        {
            // A concurrent delivery of the same job may have stored the ZIP and removed staging while this one read.
            if (await FindEarlierUploadAsync(key, message, ct) is not { } stored)
            {
                throw;
            }
            logger.LogInformation("Job {JobId}: staging is gone but version {Version} is stored by this job", message.JobId, message.Version);
            return new PackagedAdapter(stored, AlreadyStored: true);
        }
    }

    private async Task<StoredObject> BuildAndStoreAsync(string key, PackageAdapter message, CancellationToken ct)
    {
        var entries = await ReadStagedFilesAsync(message, ct);
        var path = Path.Combine(Path.GetTempPath(), $"adapter-{message.JobId:N}-{Guid.NewGuid():N}.zip");
        await using var zip = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);

        var contentBytes = entries.Sum(e => e.Length);
        await AdapterZip.WriteAsync(zip, entries, new PercentProgress(logger, message.JobId, "zipping", contentBytes), ct);
        zip.Position = 0;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(zip, ct));
        zip.Position = 0;

        var metadata = new Dictionary<string, string> { [AdapterZipMetadata.JobId] = message.JobId.ToString("N"), [AdapterZipMetadata.Sha256] = sha256 };
        var upload = new ProgressReadStream(zip, new PercentProgress(logger, message.JobId, "uploading", zip.Length));
        var stored = await store.UploadAsync(key, upload, ContentType, metadata, ct);
        if (stored.Sha256 != sha256 || stored.SizeBytes != zip.Length)
        {
            // The temp file is ours alone; a mismatch means a broken read, which a retry redoes from scratch.
            throw new IOException("The uploaded ZIP differs from the one built.");
        }
        logger.LogInformation("Job {JobId}: stored version {Version} ({SizeBytes} bytes)", message.JobId, message.Version, stored.SizeBytes);
        return stored;
    }

    private async Task<StoredObject?> FindEarlierUploadAsync(string key, PackageAdapter message, CancellationToken ct)
    {
        var head = await store.HeadAsync(key, ct);
        if (head is null)
        {
            return null;
        }
        var storedBy = head.Metadata[AdapterZipMetadata.JobId];
        if (string.IsNullOrEmpty(storedBy))
        {
            // No job wrote this: every ZIP is stored with its job's id, so it is what an upload cut off midway left
            // (some S3 servers keep a PUT whose client died). Rebuilding overwrites it; refusing would fail every
            // later job given this version number.
            logger.LogWarning("Job {JobId}: version {Version} holds an object no job wrote; rebuilding it", message.JobId, message.Version);
            return null;
        }
        if (storedBy != message.JobId.ToString("N"))
        {
            throw new PackagingInputException($"Version {message.Version} of this adapter is already stored by another job.");
        }
        return head.Metadata[AdapterZipMetadata.Sha256] is { Length: > 0 } sha256 ? new StoredObject(key, head.ContentLength, sha256) : null;
    }

    private async Task<IReadOnlyList<ZipEntrySource>> ReadStagedFilesAsync(PackageAdapter message, CancellationToken ct)
    {
        var config = await StagedFileAsync(message, StagedAdapterFiles.Config, ct);
        var weights = await StagedFileAsync(message, StagedAdapterFiles.Weights, ct);
        var manifestBytes = await ReadSmallFileAsync(message, StagedAdapterFiles.Manifest, ct)
            ?? throw Missing(StagedAdapterFiles.Manifest);
        var lossCurve = await ReadSmallFileAsync(message, StagedAdapterFiles.LossCurve, ct);

        var manifest = ReadManifest(manifestBytes);
        var card = ModelCard.Render(new ModelCardInput(message.AdapterName, message.AvatarId, message.Version, message.JobId, manifest, lossCurve));
        logger.LogInformation("Job {JobId}: staged files found ({Trained}, weights {WeightsBytes} bytes)",
            message.JobId, manifest.Trained ? "trained" : "untrained", weights.Length);
        return [config, weights, ZipEntrySource.FromBytes(StagedAdapterFiles.Manifest, manifestBytes), ZipEntrySource.FromBytes(ModelCard.FileName, System.Text.Encoding.UTF8.GetBytes(card))];
    }

    private static TrainingManifest ReadManifest(byte[] json)
    {
        try
        {
            return TrainingManifestJson.Read(json);
        }
        catch (JsonException)
        {
            throw new PackagingInputException($"{StagedAdapterFiles.Manifest} is not a training manifest.");
        }
    }

    /// <summary>A staged file streamed straight from S3 into the ZIP.</summary>
    private async Task<ZipEntrySource> StagedFileAsync(PackageAdapter message, string name, CancellationToken ct)
    {
        var key = StorageKeys.JobStaging(message.UserId, message.AvatarId, message.JobId) + name;
        var head = await store.HeadAsync(key, ct) ?? throw Missing(name);
        return new ZipEntrySource(name, head.ContentLength, async token =>
            (await store.GetAsync(key, token))?.ResponseStream ?? throw Missing(name));
    }

    private async Task<byte[]?> ReadSmallFileAsync(PackageAdapter message, string name, CancellationToken ct)
    {
        using var response = await store.GetAsync(StorageKeys.JobStaging(message.UserId, message.AvatarId, message.JobId) + name, ct);
        if (response is null)
        {
            return null;
        }
        if (response.ContentLength > MaxInMemoryBytes)
        {
            throw new PackagingInputException($"Staged file {name} is larger than {MaxInMemoryBytes / (1024 * 1024)} MiB.");
        }
        using var content = new MemoryStream();
        await response.ResponseStream.CopyToAsync(content, ct);
        return content.ToArray();
    }

    private static StagedFileMissingException Missing(string name) => new(name);
}
