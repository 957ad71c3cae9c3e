using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>Removes the record first and the object after, so a recorded file never lacks its object.</summary>
public sealed class RemoveTrainingFileConsumer(AvatarTrainingDataWriter writer, ObjectStore store, TimeProvider clock) : IConsumer<RemoveTrainingFile>
{
    public async Task Consume(ConsumeContext<RemoveTrainingFile> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).AddIf("file_name", InputRules.FileNameProblem(m.FileName)).ToDictionary());
        var now = clock.GetUtcNow();
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => TrainingDataDecisions.Decide(state, m, now), context.CancellationToken,
            new AvatarEffects<AvatarTrainingData>(AfterCommit: (_, _) =>
                CommittedRemovals.DeleteAsync(store, context, m.UserId, m.AvatarId, [m.FileName])));
        var file = TrainingDataDecisions.Existing(change.Before, m.FileName);
        await context.RespondAsync(new TrainingFilesRemoved(m.UserId, m.AvatarId, [file], change.Committed?.Version ?? 0));
    }
}
