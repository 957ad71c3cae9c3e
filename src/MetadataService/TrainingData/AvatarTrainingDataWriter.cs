namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Training-data changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarTrainingData"/>, after which
/// metadata.json is rewritten from the committed state, even when nothing was appended, so a redelivered command
/// heals a metadata.json write that failed.
/// </summary>
public sealed class AvatarTrainingDataWriter(AvatarStreamWriter writer, MetadataJson metadataJson)
{
    /// <param name="afterCommit">
    /// Runs after the commit while the lock is still held, e.g. deleting a removed file's object, so that a
    /// concurrent re-upload of the same name cannot have its new object deleted.
    /// </param>
    public async Task<(T Result, long Version)> ChangeAsync<T>(
        string userId, string avatarId, Func<AvatarTrainingData, CancellationToken, Task<AvatarDecision<T>>> decide, CancellationToken ct,
        Func<T, Task>? afterCommit = null)
    {
        var (result, committed) = await writer.ChangeAsync(userId, avatarId, id => new AvatarTrainingData { Id = id }, decide,
            async (decided, _, after, token) =>
            {
                if (afterCommit is not null)
                {
                    await afterCommit(decided);
                }
                await metadataJson.WriteAsync(userId, avatarId, after, token);
            }, ct);
        return (result, committed?.Version ?? 0);
    }
}
