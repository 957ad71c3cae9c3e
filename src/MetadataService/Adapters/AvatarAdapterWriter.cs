using AdapterPipeline.MetadataService.Avatars;
using Marten;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// Adapter changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarAdapter"/> (under the same lock as
/// training-data changes), after which the S3 pointer to the current version is rewritten when the current version moved.
/// </summary>
public sealed class AvatarAdapterWriter(AvatarStreamWriter writer, IDocumentStore store, AdapterPointer pointer)
{
    public Task<AvatarChange<AvatarAdapter>> ChangeAsync(
        string userId, string avatarId, string actedBy, Func<AvatarAdapter, IReadOnlyList<object>> decide, CancellationToken ct) =>
        writer.ChangeAsync(userId, avatarId, actedBy, id => new AvatarAdapter { Id = id }, decide,
            new AvatarEffects<AvatarAdapter>(AfterCommit: (change, token) =>
                change.Committed is { } after && after.CurrentVersion != change.Before.CurrentVersion
                    ? pointer.WriteAsync(userId, avatarId, after, token)
                    : Task.CompletedTask),
            ct);

    public async Task<AvatarAdapter?> ReadAsync(string userId, string avatarId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarAdapter>(AvatarStreams.Id(userId, avatarId), ct);
    }
}
