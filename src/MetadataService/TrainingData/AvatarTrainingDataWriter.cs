using JasperFx;
using Marten;
using Npgsql;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// The one way training data changes: under the avatar's write lock, fetch the state for writing (optimistic version
/// check), decide the events, append, commit, and rewrite metadata.json from the committed state. A version conflict
/// (another writer appended meanwhile) starts over from a fresh read.
/// </summary>
public sealed partial class AvatarTrainingDataWriter(
    IDocumentStore store, NpgsqlDataSource dataSource, MetadataJson metadataJson, ILogger<AvatarTrainingDataWriter> logger)
{
    private const int MaxAttempts = 10;

    /// <summary>What a decision appends, and what the caller answers with once it is committed.</summary>
    public sealed record Decision<T>(IReadOnlyList<object> Events, T Result);

    /// <param name="afterCommit">
    /// Runs after the commit while the lock is still held, e.g. deleting a removed file's object, so that a
    /// concurrent re-upload of the same name cannot have its new object deleted.
    /// </param>
    public async Task<(T Result, long Version)> ChangeAsync<T>(
        string userId, string avatarId, Func<AvatarTrainingData, CancellationToken, Task<Decision<T>>> decide, CancellationToken ct,
        Func<T, Task>? afterCommit = null)
    {
        var streamId = AvatarStreams.Id(userId, avatarId);
        await using var avatarLock = await AvatarWriteLock.AcquireAsync(dataSource, streamId, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<AvatarTrainingData>(streamId, ct);
            var decision = await decide(stream.Aggregate ?? new AvatarTrainingData { Id = streamId }, ct);
            if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                try
                {
                    await session.SaveChangesAsync(ct);
                }
                catch (ConcurrencyException) when (attempt < MaxAttempts)
                {
                    LogConflict(streamId, attempt);
                    continue;
                }
            }
            // Rewritten even when nothing was appended: a redelivered command heals a metadata.json write that failed.
            if (afterCommit is not null)
            {
                await afterCommit(decision.Result);
            }
            var committed = await session.LoadAsync<AvatarTrainingData>(streamId, ct);
            await metadataJson.WriteAsync(userId, avatarId, committed, ct);
            return (decision.Result, committed?.Version ?? stream.CurrentVersion ?? 0);
        }
    }

    [LoggerMessage(LogLevel.Information, "Stream {StreamId} advanced while deciding (attempt {Attempt}); deciding again")]
    private partial void LogConflict(string streamId, int attempt);
}
