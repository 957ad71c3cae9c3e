using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Outbox;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>
/// Records the adapter's removal with the <see cref="AdapterDeleted"/> it announces (committed together, so the
/// running job, if any, is cancelled and webhooks fire even if the process dies right after), then deletes its ZIPs,
/// pointer and staged files (<see cref="AvatarAdapterWriter"/>).
/// </summary>
public sealed class DeleteAdapterConsumer(AvatarAdapterWriter writer, ObjectStore objects, TimeProvider clock) : IConsumer<DeleteAdapter>
{
    public async Task Consume(ConsumeContext<DeleteAdapter> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary(), RejectionReasons.Unprocessable);

        var adapter = await writer.ReadAsync(m.UserId, m.AvatarId, ct);
        var prefix = StorageKeys.AdapterPrefix(m.UserId, m.AvatarId, adapter?.AdapterName ?? AvatarAdapter.DefaultName);
        var objectCount = await objects.ListAsync(prefix, ct).CountAsync(ct);
        var now = clock.GetUtcNow();
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => AdapterDecisions.Decide(state, m, objectCount, now), ct,
            events => events.OfType<AdapterRemoved>().Select(r => new OutgoingMessage(Announcement(m, r))));
        await context.RespondAsync(Announcement(m, change.Events.OfType<AdapterRemoved>().Single()));
    }

    private static AdapterDeleted Announcement(DeleteAdapter m, AdapterRemoved removed) =>
        new(m.UserId, m.AvatarId, removed.AdapterName, removed.ObjectsDeleted, removed.CancelledJobId);
}
