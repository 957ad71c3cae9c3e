using AdapterPipeline.MetadataService.Avatars;
using Marten;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Training-data changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarTrainingData"/>, after which
/// metadata.json is rewritten from the committed state, even when nothing was appended, so a redelivered command
/// heals a metadata.json write that failed.
/// </summary>
public sealed class AvatarTrainingDataWriter(AvatarStreamWriter writer, MetadataJson metadataJson, IDocumentStore store)
{
    /// <summary>The committed state; read under the avatar's lock (in a change's <c>Prepare</c>) it is what the decision sees.</summary>
    public async Task<AvatarTrainingData> LoadAsync(string userId, string avatarId, CancellationToken ct)
    {
        var id = AvatarStreams.Id(userId, avatarId);
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarTrainingData>(id, ct) ?? new AvatarTrainingData { Id = id };
    }

    /// <param name="effects">
    /// Its <c>AfterCommit</c> runs before metadata.json is rewritten, still under the lock, e.g. deleting a removed
    /// file's object, so that a concurrent re-upload of the same name cannot have its new object deleted.
    /// </param>
    public Task<AvatarChange<AvatarTrainingData>> ChangeAsync(
        string userId, string avatarId, string actedBy, Func<AvatarTrainingData, IReadOnlyList<object>> decide, CancellationToken ct,
        AvatarEffects<AvatarTrainingData>? effects = null) =>
        writer.ChangeAsync(userId, avatarId, actedBy, id => new AvatarTrainingData { Id = id }, decide,
            (effects ?? new AvatarEffects<AvatarTrainingData>()) with
            {
                AfterCommit = async (change, token) =>
                {
                    if (effects?.AfterCommit is { } afterCommit)
                    {
                        await afterCommit(change, token);
                    }
                    await metadataJson.WriteAsync(userId, avatarId, change.Committed, token);
                },
            }, ct);
}
