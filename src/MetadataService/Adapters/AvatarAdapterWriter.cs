using AdapterPipeline.MetadataService.TrainingData;
using JasperFx;
using Marten;
using Npgsql;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// The one way adapter state changes: under the avatar's write lock (shared with training-data writes), fetch the
/// adapter for writing, decide the events, append and commit; a version conflict starts over from a fresh read.
/// After the commit the S3 pointer to the current version is rewritten, still under the lock, so it never goes back.
/// </summary>
public sealed partial class AvatarAdapterWriter(
    IDocumentStore store, NpgsqlDataSource dataSource, AdapterPointer pointer, ILogger<AvatarAdapterWriter> logger)
{
    private const int MaxAttempts = 10;

    public sealed record Decision<T>(IReadOnlyList<object> Events, T Result);

    public async Task<T> ChangeAsync<T>(
        string userId, string avatarId, Func<AvatarAdapter, CancellationToken, Task<Decision<T>>> decide, CancellationToken ct)
    {
        var streamId = AvatarStreams.Id(userId, avatarId);
        await using var avatarLock = await AvatarWriteLock.AcquireAsync(dataSource, streamId, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<AvatarAdapter>(streamId, ct);
            var before = stream.Aggregate ?? new AvatarAdapter { Id = streamId };
            var decision = await decide(before, ct);
            if (decision.Events.Count == 0)
            {
                return decision.Result;
            }
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
            var after = await session.LoadAsync<AvatarAdapter>(streamId, ct);
            if (after is not null && after.CurrentVersion != before.CurrentVersion)
            {
                await pointer.WriteAsync(userId, avatarId, after, ct);
            }
            return decision.Result;
        }
    }

    public async Task<AvatarAdapter?> ReadAsync(string userId, string avatarId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarAdapter>(AvatarStreams.Id(userId, avatarId), ct);
    }

    [LoggerMessage(LogLevel.Information, "Stream {StreamId} advanced while deciding an adapter change (attempt {Attempt}); deciding again")]
    private partial void LogConflict(string streamId, int attempt);
}
