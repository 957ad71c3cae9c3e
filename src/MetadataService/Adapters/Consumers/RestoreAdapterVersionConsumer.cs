using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>Makes an earlier version current again, recorded as <see cref="AdapterVersionRestored"/>.</summary>
public sealed class RestoreAdapterVersionConsumer(AvatarAdapterWriter writer, TimeProvider clock) : IConsumer<RestoreAdapterVersion>
{
    public async Task Consume(ConsumeContext<RestoreAdapterVersion> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary(), RejectionReasons.Unprocessable);
        var now = clock.GetUtcNow();
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => AdapterDecisions.Decide(state, m, now), context.CancellationToken);
        await context.RespondAsync(change.Committed!.ToInfo(m.UserId, m.AvatarId));
    }
}
