using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Outbox;
using AdapterPipeline.ServiceDefaults.Resilience;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters;

/// <summary>
/// Adapter changes: an <see cref="AvatarStreamWriter"/> change of <see cref="AvatarAdapter"/> (under the same lock as
/// training-data changes), after which the S3 pointer to the current version is rewritten when the current version moved.
/// Should S3 fail then, the rewrite is handed to <see cref="RewriteAdapterPointer"/>: the change is committed, so
/// retrying the command would decide nothing and leave the pointer behind.
/// </summary>
public sealed class AvatarAdapterWriter(AvatarStreamWriter writer, IDocumentStore store, AdapterPointer pointer, IBus bus)
{
    /// <param name="messages">What to send once the decided events are committed; stored with them (<see cref="AvatarEffects{TState}.Messages"/>).</param>
    public Task<AvatarChange<AvatarAdapter>> ChangeAsync(
        string userId, string avatarId, string actedBy, Func<AvatarAdapter, IReadOnlyList<object>> decide, CancellationToken ct,
        Func<IReadOnlyList<object>, IEnumerable<OutgoingMessage>>? messages = null) =>
        writer.ChangeAsync(userId, avatarId, actedBy, Empty, decide,
            new AvatarEffects<AvatarAdapter>(AfterCommit: (change, token) =>
                change.Committed is { } after && after.CurrentVersion != change.Before.CurrentVersion
                    ? WritePointerOrHandOffAsync(userId, avatarId, after, token)
                    : Task.CompletedTask,
                Messages: messages),
            ct);

    /// <summary>Writes <c>current.json</c> from the committed state, under the avatar's lock so that it is not overtaken.</summary>
    public Task RewritePointerAsync(string userId, string avatarId, CancellationToken ct) =>
        writer.ChangeAsync(userId, avatarId, AvatarStreams.Actor(null), Empty, _ => [],
            new AvatarEffects<AvatarAdapter>(AfterCommit: (change, token) => pointer.WriteAsync(userId, avatarId, change.Committed ?? change.Before, token)),
            ct);

    public async Task<AvatarAdapter?> ReadAsync(string userId, string avatarId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AvatarAdapter>(AvatarStreams.Id(userId, avatarId), ct);
    }

    private static AvatarAdapter Empty(string id) => new() { Id = id };

    private async Task WritePointerOrHandOffAsync(string userId, string avatarId, AvatarAdapter committed, CancellationToken ct)
    {
        try
        {
            await pointer.WriteAsync(userId, avatarId, committed, ct);
        }
        catch (Exception ex) when (TransientFaults.IsTransient(ex))
        {
            await bus.Publish(new RewriteAdapterPointer(userId, avatarId), CancellationToken.None);
        }
    }
}
