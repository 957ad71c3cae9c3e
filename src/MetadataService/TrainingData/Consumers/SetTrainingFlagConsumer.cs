using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

public sealed class SetTrainingFlagConsumer(AvatarTrainingDataWriter writer, TimeProvider clock) : IConsumer<SetTrainingFlag>
{
    public async Task Consume(ConsumeContext<SetTrainingFlag> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).AddIf("file_name", InputRules.FileNameProblem(m.FileName)).ToDictionary());
        var now = clock.GetUtcNow();
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => TrainingDataDecisions.Decide(state, m, now), context.CancellationToken);
        var file = TrainingDataDecisions.Existing(change.Before, m.FileName) with { UseForTraining = m.UseForTraining };
        await context.RespondAsync(new TrainingFlagSet(m.UserId, m.AvatarId, file, change.Committed?.Version ?? 0));
    }
}
