using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.Domain.Validation;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>Removes the record; the object follows after the commit (<see cref="AvatarTrainingDataWriter"/>).</summary>
public sealed class RemoveTrainingFileConsumer(AvatarTrainingDataWriter writer, TimeProvider clock) : IConsumer<RemoveTrainingFile>
{
    public async Task Consume(ConsumeContext<RemoveTrainingFile> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).AddIf("file_name", InputRules.FileNameProblem(m.FileName)).ToDictionary());
        var now = clock.GetUtcNow();
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => TrainingDataDecisions.Decide(state, m, now), context.CancellationToken);
        var file = TrainingDataDecisions.Existing(change.Before, m.FileName);
        await context.RespondAsync(new TrainingFilesRemoved(m.UserId, m.AvatarId, [file], change.Committed?.Version ?? 0));
    }
}
