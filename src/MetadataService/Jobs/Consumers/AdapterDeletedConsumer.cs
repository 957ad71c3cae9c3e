using AdapterPipeline.Contracts.Adapters;
using MassTransit;

namespace AdapterPipeline.MetadataService.Jobs.Consumers;

/// <summary>A deleted adapter's running job is cancelled: the adapter it would produce has nowhere to go.</summary>
public sealed class AdapterDeletedConsumer : IConsumer<AdapterDeleted>
{
    public async Task Consume(ConsumeContext<AdapterDeleted> context)
    {
        if (context.Message.CancelledJobId is { } running)
        {
            await context.Publish(new JobCancellationRequested(running, "the adapter was deleted"));
        }
    }
}
