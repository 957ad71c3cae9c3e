using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using MassTransit;

namespace AdapterPipeline.InferenceWorker.Adapters;

/// <summary>
/// Frees an avatar's cached adapters when a new version is recorded (a job ended with one) or the adapter is deleted.
/// A restore publishes no event and needs none: the cache is keyed by version and every request reads the pointer.
/// Each worker listens on a queue of its own, so every worker hears every change.
/// </summary>
public sealed class AdapterChangesConsumer(AdapterCache cache) : IConsumer<TrainingJobEnded>, IConsumer<AdapterDeleted>
{
    public Task Consume(ConsumeContext<TrainingJobEnded> context)
    {
        if (context.Message.Version is not null)
        {
            cache.Drop(context.Message.UserId, context.Message.AvatarId);
        }
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<AdapterDeleted> context)
    {
        cache.Drop(context.Message.UserId, context.Message.AvatarId);
        return Task.CompletedTask;
    }
}
