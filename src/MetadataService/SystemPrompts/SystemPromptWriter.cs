using System.Text.Json;
using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.ServiceDefaults.Storage;
using Marten;

namespace AdapterPipeline.MetadataService.SystemPrompts;

/// <summary>
/// System-prompt changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarSystemPromptState"/>, after
/// which (under the same lock, in commit order) the S3 copy the inference workers read is rewritten or deleted from
/// the committed state, also when the command changed nothing. A <see cref="RewriteSystemPrompt"/> committed with the
/// change finishes that write should S3 fail or the process die after the commit.
/// </summary>
public sealed class SystemPromptWriter(AvatarStreamWriter writer, IDocumentStore store, ObjectStore objects)
{
    public Task<AvatarChange<AvatarSystemPromptState>> ChangeAsync(
        string userId, string avatarId, string actedBy, Func<AvatarSystemPromptState, IReadOnlyList<object>> decide, CancellationToken ct) =>
        writer.ChangeAsync(userId, avatarId, actedBy, id => new AvatarSystemPromptState { Id = id }, decide,
            new AvatarEffects<AvatarSystemPromptState>(
                AfterCommit: (change, token) => WriteAsync(userId, avatarId, change.Committed, token),
                FollowUp: _ => new RewriteSystemPrompt(userId, avatarId)),
            ct);

    public async Task<AvatarSystemPromptState?> ReadAsync(string userId, string avatarId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarSystemPromptState>(AvatarStreams.Id(userId, avatarId), ct);
    }

    private Task WriteAsync(string userId, string avatarId, AvatarSystemPromptState? state, CancellationToken ct)
    {
        var key = StorageKeys.SystemPrompt(userId, avatarId);
        return state is { Text: { } text, UpdatedAt: { } updatedAt }
            ? objects.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(new StoredSystemPrompt(text, updatedAt)), "application/json", ct)
            : objects.DeleteAsync(key, ct);
    }
}
