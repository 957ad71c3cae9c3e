using AdapterPipeline.MetadataService.Outbox;
using AdapterPipeline.ServiceDefaults.Resilience;
using JasperFx;
using Marten;
using Medallion.Threading.Postgres;
using Npgsql;

namespace AdapterPipeline.MetadataService.Avatars;

/// <summary>
/// The one way an avatar's stream changes: under the avatar's write lock (a PostgreSQL advisory lock keyed by the
/// stream id, so every instance of the service serialises its writes), fetch a read model for writing (optimistic
/// version check), decide the events with a pure function, append, commit; a version conflict starts over from a
/// fresh read. Effects run under the same lock, so what they write to S3 is written in commit order; the messages that
/// follow from the events are committed with them (<see cref="MessageOutbox"/>), and so is the follow-up that finishes
/// the S3 work should it fail or the process die after the commit (<see cref="AvatarEffects{TState}.FollowUp"/>).
/// </summary>
public sealed partial class AvatarStreamWriter(
    IDocumentStore store, NpgsqlDataSource dataSource, MessageOutbox outbox, MassTransit.IBus bus, ILogger<AvatarStreamWriter> logger)
{
    private const int MaxAttempts = 10;

    /// <param name="actedBy">Who caused the change (<see cref="AvatarStreams.Actor"/>); recorded with every event appended.</param>
    /// <param name="empty">The read model of an avatar whose stream has no events yet.</param>
    /// <param name="decide">Pure: the events that carry out the command on this state, or a rejection thrown.</param>
    public async Task<AvatarChange<TState>> ChangeAsync<TState>(
        string userId,
        string avatarId,
        string actedBy,
        Func<string, TState> empty,
        Func<TState, IReadOnlyList<object>> decide,
        AvatarEffects<TState>? effects,
        CancellationToken ct)
        where TState : class
    {
        var streamId = AvatarStreams.Id(userId, avatarId);
        // On a connection of its own: the data-source constructor reaches into a DistributedLock.Core type that the
        // Core build restored here lacks (see docs/deployment.md); a dedicated connection is what the lock needs anyway.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var avatarLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey(streamId, allowHashing: true), connection);
        await using var held = await avatarLock.AcquireAsync(cancellationToken: ct);
        if (effects?.Prepare is { } prepare)
        {
            await prepare(ct);
        }
        var (change, followUp) = await CommitAsync(streamId, actedBy, empty, decide, effects, ct);
        if (effects?.AfterCommit is { } afterCommit)
        {
            try
            {
                await afterCommit(change, ct);
            }
            catch (Exception ex) when (followUp is not null && TransientFaults.IsTransient(ex))
            {
                LogHandedOff(streamId, TransientFaults.DescribeS3(ex), followUp.MessageType);
                await SettleAsync(followUp, deliver: true);
                return change;
            }
        }
        if (followUp is not null)
        {
            await SettleAsync(followUp, deliver: false);
        }
        return change;
    }

    /// <summary>Delivers the stored follow-up or discards it; never throws, for what is stored the relay delivers later.</summary>
    private async Task SettleAsync(OutboxMessage followUp, bool deliver)
    {
        try
        {
            await using var session = store.LightweightSession();
            if (deliver)
            {
                await outbox.DispatchAsync(session, [followUp], bus, bus, CancellationToken.None);
                return;
            }
            session.Delete(followUp);
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogFollowUpKept(ex, followUp.Id);
        }
    }

    private async Task<(AvatarChange<TState> Change, OutboxMessage? FollowUp)> CommitAsync<TState>(
        string streamId, string actedBy, Func<string, TState> empty, Func<TState, IReadOnlyList<object>> decide, AvatarEffects<TState>? effects, CancellationToken ct)
        where TState : class
    {
        var lastRead = empty(streamId);
        var saved = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var session = store.LightweightSession();
                session.SetHeader(AvatarStreams.ActedByHeader, actedBy);
                var stream = await session.Events.FetchForWriting<TState>(streamId, ct);
                lastRead = stream.Aggregate ?? empty(streamId);
                var events = decide(lastRead);
                IReadOnlyList<OutboxMessage> staged = [];
                OutboxMessage? followUp = null;
                if (events.Count > 0)
                {
                    stream.AppendMany(events);
                    staged = outbox.Stage(session, effects?.Messages?.Invoke(events) ?? []);
                    followUp = effects?.FollowUp?.Invoke(events) is { } message ? outbox.Stage(session, [new OutgoingMessage(message)]).Single() : null;
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
                saved = true;
                await outbox.DispatchAsync(session, staged, bus, bus, ct);
                return (new AvatarChange<TState>(lastRead, events, await session.LoadAsync<TState>(streamId, ct)), followUp);
            }
        }
        catch when (effects?.Undo is { } undo && !saved)
        {
            await undo(lastRead);
            throw;
        }
    }

    // The fault described, not logged whole: an S3 exception's message may name the object's key.
    [LoggerMessage(LogLevel.Warning, "S3 work after a commit to {StreamId} failed ({Fault}); {MessageType} finishes it")]
    private partial void LogHandedOff(string streamId, string fault, string messageType);

    [LoggerMessage(LogLevel.Warning, "Follow-up {MessageId} could not be settled; the outbox relay delivers it")]
    private partial void LogFollowUpKept(Exception exception, Guid messageId);

    [LoggerMessage(LogLevel.Information, "Stream {StreamId} advanced while deciding (attempt {Attempt}); deciding again")]
    private partial void LogConflict(string streamId, int attempt);
}
