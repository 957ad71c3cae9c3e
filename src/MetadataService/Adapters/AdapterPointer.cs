using System.Text.Json;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>Writes <c>current.json</c> beside the version ZIPs, so tools that read S3 alone find the current version.</summary>
public sealed class AdapterPointer(ObjectStore objects)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public async Task WriteAsync(string userId, string avatarId, AvatarAdapter adapter, CancellationToken ct)
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
}
