using System.Text.Json;
using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.InferenceWorker.SystemPrompts;

/// <summary>
/// Reads the avatar's system prompt from S3 for every chat, as <c>current.json</c> is read: one small GET, made while
/// the pointer is read, so a change is served at once by every worker with no cache to invalidate.
/// </summary>
public sealed class SystemPromptStore(ObjectStore objects)
{
    /// <summary>The stored prompt, or null when the avatar has none.</summary>
    public async Task<string?> ReadAsync(string userId, string avatarId, CancellationToken ct)
    {
        using var stored = await objects.GetAsync(StorageKeys.SystemPrompt(userId, avatarId), ct);
        if (stored is null)
        {
            return null;
        }
        var prompt = await JsonSerializer.DeserializeAsync<StoredSystemPrompt>(stored.ResponseStream, cancellationToken: ct);
        return prompt?.SystemPrompt;
    }
}
