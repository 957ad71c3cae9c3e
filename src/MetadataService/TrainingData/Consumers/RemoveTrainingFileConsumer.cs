using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>Removes the record first and the object after, so a recorded file never lacks its object.</summary>
public sealed class RemoveTrainingFileConsumer(AvatarTrainingDataWriter writer, ObjectStore store, TimeProvider clock) : IConsumer<RemoveTrainingFile>
{
    public Task Consume(ConsumeContext<RemoveTrainingFile> context)
    {
        var m = context.Message;
        return context.AnswerRejectionsAsync(m.UserId, m.AvatarId, async () =>
        {
            TrainingDataRejection.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).AddIf("file_name", InputRules.FileNameProblem(m.FileName)));
            var (file, version) = await writer.ChangeAsync(m.UserId, m.AvatarId, (state, _) =>
            {
                var file = state.Find(m.FileName) ?? throw TrainingDataRejection.UnknownFile(m.FileName);
                return Task.FromResult(new AvatarDecision<TrainingFileDetails>(
                    [new TrainingFileDeleted(m.FileName, clock.GetUtcNow())], file));
            }, context.CancellationToken,
            afterCommit: _ => store.DeleteAsync(StorageKeys.TrainingFile(m.UserId, m.AvatarId, m.FileName), CancellationToken.None));
            await context.RespondAsync(new TrainingFilesRemoved(m.UserId, m.AvatarId, [file], version));
        });
    }
}
