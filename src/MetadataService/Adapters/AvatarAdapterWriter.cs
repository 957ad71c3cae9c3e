using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Outbox;
using Marten;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// Adapter changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarAdapter"/> (under the same lock as
/// training-data changes), after which S3 follows the committed state: the removed adapter's objects are deleted, or
/// <c>current.json</c> is rewritten when the current version moved. A <see cref="MatchAdapterObjects"/> committed with
/// the change finishes that work should S3 fail or the process die: retrying the command would decide nothing.
/// </summary>
public sealed class AvatarAdapterWriter(AvatarStreamWriter writer, IDocumentStore store, AdapterObjects objects)
{
    /// <param name="messages">What to send once the decided events are committed; stored with them (<see cref="AvatarEffects{TState}.Messages"/>).</param>
    public Task<AvatarChange<AvatarAdapter>> ChangeAsync(
        string userId, string avatarId, string actedBy, Func<AvatarAdapter, IReadOnlyList<object>> decide, CancellationToken ct,
        Func<IReadOnlyList<object>, IEnumerable<OutgoingMessage>>? messages = null) =>
        writer.ChangeAsync(userId, avatarId, actedBy, Empty, decide,
            new AvatarEffects<AvatarAdapter>(
                AfterCommit: (change, token) => FollowAsync(userId, avatarId, change, token),
                Messages: messages,
                FollowUp: events => events.Any(MovesCurrentVersion) ? new MatchAdapterObjects(userId, avatarId) : null),
            ct);

    /// <summary>Makes S3 match the committed state, under the avatar's lock so that it is not overtaken.</summary>
    public Task MatchObjectsAsync(string userId, string avatarId, CancellationToken ct) =>
        writer.ChangeAsync(userId, avatarId, AvatarStreams.Actor(null), Empty, _ => [],
            new AvatarEffects<AvatarAdapter>(AfterCommit: (change, token) => objects.MatchAsync(userId, avatarId, change.Committed ?? change.Before, token)),
            ct);

    public async Task<AvatarAdapter?> ReadAsync(string userId, string avatarId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarAdapter>(AvatarStreams.Id(userId, avatarId), ct);
    }

    private static AvatarAdapter Empty(string id) => new() { Id = id };

    private static bool MovesCurrentVersion(object e) => e is AdapterVersionRecorded or AdapterVersionRestored or AdapterRemoved;

    private Task FollowAsync(string userId, string avatarId, AvatarChange<AvatarAdapter> change, CancellationToken ct)
    {
        if (change.Events.OfType<AdapterRemoved>().LastOrDefault() is { } removed)
        {
            return objects.DeleteAllAsync(userId, avatarId, removed.AdapterName, ct);
        }
        return change.Committed is { } after && after.CurrentVersion != change.Before.CurrentVersion
            ? objects.WritePointerAsync(userId, avatarId, after, ct)
            : Task.CompletedTask;
    }
}
