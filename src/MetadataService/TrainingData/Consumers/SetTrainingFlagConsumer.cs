using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

public sealed class SetTrainingFlagConsumer(AvatarTrainingDataWriter writer, TimeProvider clock) : IConsumer<SetTrainingFlag>
{
    public Task Consume(ConsumeContext<SetTrainingFlag> context)
    {
        var m = context.Message;
        return context.AnswerRejectionsAsync(m.UserId, m.AvatarId, async () =>
        {
            TrainingDataRejection.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).AddIf("file_name", InputRules.FileNameProblem(m.FileName)));
            var (file, version) = await writer.ChangeAsync(m.UserId, m.AvatarId, (state, _) =>
            {
                var file = state.Find(m.FileName) ?? throw TrainingDataRejection.UnknownFile(m.FileName);
                IReadOnlyList<object> events = file.UseForTraining == m.UseForTraining
                    ? []
                    : [new TrainingFlagChanged(m.FileName, m.UseForTraining, clock.GetUtcNow())];
                return Task.FromResult(new AvatarDecision<TrainingFileDetails>(events, file with { UseForTraining = m.UseForTraining }));
            }, context.CancellationToken);
            await context.RespondAsync(new TrainingFlagSet(m.UserId, m.AvatarId, file, version));
        });
    }
}
