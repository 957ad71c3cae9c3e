using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>
/// Records the adapter's removal, then deletes its ZIPs, pointer and staged files and announces
/// <see cref="AdapterDeleted"/>, on which the running job, if any, is cancelled.
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
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => AdapterDecisions.Decide(state, m, objectCount, now), ct);

        var removed = change.Events.OfType<AdapterRemoved>().Single();
        var deleted = await objects.DeletePrefixAsync(StorageKeys.AdapterPrefix(m.UserId, m.AvatarId, removed.AdapterName), ct);
        var answer = new AdapterDeleted(m.UserId, m.AvatarId, removed.AdapterName, deleted, removed.CancelledJobId);
        await context.Publish(answer, ct);
        await context.RespondAsync(answer);
    }
}
