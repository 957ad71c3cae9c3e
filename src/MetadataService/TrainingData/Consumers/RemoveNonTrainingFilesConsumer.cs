using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.Domain.Validation;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

public sealed class RemoveNonTrainingFilesConsumer(AvatarTrainingDataWriter writer, TimeProvider clock) : IConsumer<RemoveNonTrainingFiles>
{
    public async Task Consume(ConsumeContext<RemoveNonTrainingFiles> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());
        var now = clock.GetUtcNow();
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => TrainingDataDecisions.Decide(state, m, now), context.CancellationToken);
        var removed = change.Events.OfType<TrainingFileDeleted>().Select(d => TrainingDataDecisions.Existing(change.Before, d.FileName)).ToList();
        await context.RespondAsync(new TrainingFilesRemoved(m.UserId, m.AvatarId, removed, change.Committed?.Version ?? 0));
    }
}
