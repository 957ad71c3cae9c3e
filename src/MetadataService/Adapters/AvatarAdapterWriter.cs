using AdapterPipeline.MetadataService.TrainingData;
using Marten;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// Adapter changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarAdapter"/> (under the same lock as
/// training-data changes), after which the S3 pointer to the current version is rewritten when the current version moved.
/// </summary>
public sealed class AvatarAdapterWriter(AvatarStreamWriter writer, IDocumentStore store, AdapterPointer pointer)
{
    public async Task<T> ChangeAsync<T>(
        string userId, string avatarId, Func<AvatarAdapter, CancellationToken, Task<AvatarDecision<T>>> decide, CancellationToken ct)
    {
        var (result, _) = await writer.ChangeAsync(userId, avatarId, id => new AvatarAdapter { Id = id }, decide,
            (_, before, after, token) => after is not null && after.CurrentVersion != before.CurrentVersion
                ? pointer.WriteAsync(userId, avatarId, after, token)
                : Task.CompletedTask,
            ct);
        return result;
    }

    public async Task<AvatarAdapter?> ReadAsync(string userId, string avatarId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarAdapter>(AvatarStreams.Id(userId, avatarId), ct);
    }
}
