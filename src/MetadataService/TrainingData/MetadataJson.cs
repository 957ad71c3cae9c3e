using System.Text.Json;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>The seed-compatible <c>metadata.json</c>: file name to training flag, e.g. <c>{"a.txt": true}</c>.</summary>
public sealed class MetadataJson(ObjectStore store)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Dictionary<string, bool> From(AvatarTrainingData? data) =>
        (data?.Ordered() ?? []).ToDictionary(f => f.FileName, f => f.UseForTraining, StringComparer.Ordinal);

    public Task WriteAsync(string userId, string avatarId, AvatarTrainingData? data, CancellationToken ct) =>
        store.PutAsync(StorageKeys.Metadata(userId, avatarId), JsonSerializer.SerializeToUtf8Bytes(From(data), Indented), "application/json", ct);
}
