using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.TrainingData;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>Cancels the avatar's running job, then deletes the adapter's ZIPs, pointer and staged files.</summary>
public sealed class DeleteAdapterConsumer(AvatarAdapterWriter writer, ObjectStore objects, TimeProvider clock) : IConsumer<DeleteAdapter>
{
    public Task Consume(ConsumeContext<DeleteAdapter> context) => context.AnswerAdapterRejectionsAsync(async () =>
    {
        var m = context.Message;
        AdapterRejection.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());

        var deleted = await writer.ChangeAsync(m.UserId, m.AvatarId, async (adapter, ct) =>
        {
            if (!adapter.Exists && adapter.RunningJobId is null)
            {
                throw AdapterRejection.NotFound("The avatar has no adapter.", "avatar_id");
            }
            if (adapter.RunningJobId is { } running)
            {
                await context.Publish(new JobCancellationRequested(running, "the adapter was deleted"), ct);
            }
            var count = await objects.DeletePrefixAsync(StorageKeys.AdapterPrefix(m.UserId, m.AvatarId, adapter.AdapterName), ct);
            var removed = new AdapterRemoved(adapter.AdapterName, count, adapter.RunningJobId, clock.GetUtcNow());
            return new AvatarDecision<AdapterDeleted>([removed],
                new AdapterDeleted(m.UserId, m.AvatarId, adapter.AdapterName, count, adapter.RunningJobId));
        }, context.CancellationToken);

        await context.Publish(deleted);
        await context.RespondAsync(deleted);
    });
}
