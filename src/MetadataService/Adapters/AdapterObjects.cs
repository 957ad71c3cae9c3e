using System.Globalization;
using System.Text.Json;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// The S3 side of an avatar's adapter: <c>current.json</c> beside the version ZIPs, so tools that read S3 alone find
/// the current version, and the ZIPs of versions the avatar no longer records.
/// </summary>
public sealed class AdapterObjects(ObjectStore objects)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public async Task WritePointerAsync(string userId, string avatarId, AvatarAdapter adapter, CancellationToken ct)
    {
        var key = StorageKeys.AdapterPointer(userId, avatarId, adapter.AdapterName);
        if (adapter.Current is not { } current)
        {
            await objects.DeleteAsync(key, ct);
            return;
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            current.Version,
            current.Key,
            current.Sha256,
            current.SizeBytes,
            current.Trained,
            current.BaseModel,
            current.JobId,
            UpdatedAt = adapter.UpdatedAt,
        }, Json);
        await objects.PutAsync(key, body, "application/json", ct);
    }

    /// <summary>Deletes every object under the adapter's prefix, right after its removal was committed.</summary>
    public Task<int> DeleteAllAsync(string userId, string avatarId, string adapterName, CancellationToken ct) =>
        objects.DeletePrefixAsync(StorageKeys.AdapterPrefix(userId, avatarId, adapterName), ct);

    /// <summary>
    /// Makes S3 match the committed state: deletes the ZIP of each version up to the highest ever recorded that the
    /// adapter no longer has (a removal whose deletes did not finish), and rewrites the pointer. A ZIP above the highest
    /// recorded version belongs to a job not yet recorded and is left alone.
    /// </summary>
    public async Task MatchAsync(string userId, string avatarId, AvatarAdapter committed, CancellationToken ct)
    {
        var prefix = StorageKeys.AdapterPrefix(userId, avatarId, committed.AdapterName);
        var unrecorded = await objects.ListAsync(prefix, ct)
            .Select(o => (o.Key, Version: VersionOf(prefix, o.Key)))
            .Where(o => o.Version is { } v && v <= committed.HighestVersion && committed.Versions.All(r => r.Version != v))
            .ToListAsync(ct);
        foreach (var (key, _) in unrecorded)
        {
            await objects.DeleteAsync(key, ct);
        }
        await WritePointerAsync(userId, avatarId, committed, ct);
    }

    /// <summary>The version of a key written by <see cref="StorageKeys.AdapterVersion"/>; null for any other key.</summary>
    public static int? VersionOf(string prefix, string key) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && key[prefix.Length..] is ['v', .. var digits] && digits.EndsWith(".zip", StringComparison.Ordinal)
        && int.TryParse(digits[..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
}
