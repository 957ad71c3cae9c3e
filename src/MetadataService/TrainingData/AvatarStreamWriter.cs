using JasperFx;
using Marten;
using Npgsql;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>What a change appends to the avatar's stream, and what the caller answers with once it is committed.</summary>
public sealed record AvatarDecision<T>(IReadOnlyList<object> Events, T Result);

/// <summary>
/// The one way an avatar's stream changes: under the avatar's write lock, fetch a read model for writing (optimistic
/// version check), decide the events, append, commit; a version conflict (another writer appended meanwhile) starts
/// over from a fresh read. <c>afterCommit</c> runs while the lock is still held, so what it writes to S3 is written
/// in commit order and never goes back to an older state.
/// </summary>
public sealed partial class AvatarStreamWriter(IDocumentStore store, NpgsqlDataSource dataSource, ILogger<AvatarStreamWriter> logger)
{
    private const int MaxAttempts = 10;

    /// <param name="empty">The read model of an avatar whose stream has no events yet.</param>
    /// <param name="afterCommit">Given the decision's result, the state before and the committed read model (null while the stream is empty).</param>
    public async Task<(T Result, TState? Committed)> ChangeAsync<TState, T>(
        string userId,
        string avatarId,
        Func<string, TState> empty,
        Func<TState, CancellationToken, Task<AvatarDecision<T>>> decide,
        Func<T, TState, TState?, CancellationToken, Task> afterCommit,
        CancellationToken ct)
        where TState : class
    {
        var streamId = AvatarStreams.Id(userId, avatarId);
        await using var avatarLock = await AvatarWriteLock.AcquireAsync(dataSource, streamId, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<TState>(streamId, ct);
            var before = stream.Aggregate ?? empty(streamId);
            var decision = await decide(before, ct);
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
            var committed = await session.LoadAsync<TState>(streamId, ct);
            await afterCommit(decision.Result, before, committed, ct);
            return (decision.Result, committed);
        }
    }

    [LoggerMessage(LogLevel.Information, "Stream {StreamId} advanced while deciding (attempt {Attempt}); deciding again")]
    private partial void LogConflict(string streamId, int attempt);
}
