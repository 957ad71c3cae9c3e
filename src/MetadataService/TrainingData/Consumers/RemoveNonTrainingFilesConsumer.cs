using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

public sealed class RemoveNonTrainingFilesConsumer(AvatarTrainingDataWriter writer, ObjectStore store, TimeProvider clock) : IConsumer<RemoveNonTrainingFiles>
{
    public Task Consume(ConsumeContext<RemoveNonTrainingFiles> context)
    {
        var m = context.Message;
        return context.AnswerRejectionsAsync(m.UserId, m.AvatarId, async () =>
        {
            TrainingDataRejection.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId));
            var (files, version) = await writer.ChangeAsync(m.UserId, m.AvatarId, (state, _) =>
            {
                var now = clock.GetUtcNow();
                var removed = state.Ordered().Where(f => !f.UseForTraining).ToList();
                return Task.FromResult(new AvatarDecision<IReadOnlyList<TrainingFileDetails>>(
                    removed.Select(f => (object)new TrainingFileDeleted(f.FileName, now)).ToList(), removed));
            }, context.CancellationToken, afterCommit: async removed =>
            {
                foreach (var file in removed)
                {
                    await store.DeleteAsync(StorageKeys.TrainingFile(m.UserId, m.AvatarId, file.FileName), CancellationToken.None);
                }
            });
            await context.RespondAsync(new TrainingFilesRemoved(m.UserId, m.AvatarId, files, version));
        });
    }
}
