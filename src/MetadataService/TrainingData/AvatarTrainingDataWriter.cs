using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.ServiceDefaults.Storage;
using Marten;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Training-data changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarTrainingData"/>, after which
/// S3 follows the committed state: the objects of removed files are deleted (the record goes first, so a recorded file
/// never lacks its object) and metadata.json is rewritten, even when nothing was appended, so a redelivered command
/// heals a metadata.json write that failed. A <see cref="RemoveUnrecordedObjects"/> committed with the change finishes
/// that work should S3 fail or the process die: retrying a removal would answer 404 and leave the object behind.
/// </summary>
public sealed class AvatarTrainingDataWriter(AvatarStreamWriter writer, MetadataJson metadataJson, ObjectStore objects, IDocumentStore store)
{
    /// <summary>The committed state; read under the avatar's lock (in a change's <c>Prepare</c>) it is what the decision sees.</summary>
    public async Task<AvatarTrainingData> LoadAsync(string userId, string avatarId, CancellationToken ct)
    {
        var id = AvatarStreams.Id(userId, avatarId);
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarTrainingData>(id, ct) ?? new AvatarTrainingData { Id = id };
    }

    /// <param name="effects">Its <c>AfterCommit</c> runs first, still under the lock, before S3 follows the committed state.</param>
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
                    await DeleteUnrecordedAsync(userId, avatarId, Removed(change.Events), change.Committed, token);
                    await metadataJson.WriteAsync(userId, avatarId, change.Committed, token);
                },
                FollowUp = events => new RemoveUnrecordedObjects(userId, avatarId, Removed(events)),
            }, ct);

    /// <summary>Deletes each named file's object unless the name is recorded by now, and rewrites metadata.json; under the avatar's lock.</summary>
    public Task MatchObjectsAsync(string userId, string avatarId, IReadOnlyList<string> fileNames, CancellationToken ct) =>
        ChangeAsync(userId, avatarId, AvatarStreams.Actor(null), _ => [], ct,
            new AvatarEffects<AvatarTrainingData>(AfterCommit: (change, token) => DeleteUnrecordedAsync(userId, avatarId, fileNames, change.Committed, token)));

    private static IReadOnlyList<string> Removed(IReadOnlyList<object> events) => events.OfType<TrainingFileDeleted>().Select(d => d.FileName).ToList();

    private async Task DeleteUnrecordedAsync(string userId, string avatarId, IReadOnlyList<string> fileNames, AvatarTrainingData? committed, CancellationToken ct)
    {
        foreach (var name in fileNames.Where(name => committed?.Find(name) is null))
        {
            await objects.DeleteAsync(StorageKeys.TrainingFile(userId, avatarId, name), ct);
        }
    }
}
