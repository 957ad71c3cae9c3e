using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>Makes an avatar's adapter objects match its committed state; retried with backoff through an S3 outage.</summary>
public sealed class MatchAdapterObjectsConsumer(AvatarAdapterWriter writer) : IConsumer<MatchAdapterObjects>
{
    public Task Consume(ConsumeContext<MatchAdapterObjects> context) =>
        writer.MatchObjectsAsync(context.Message.UserId, context.Message.AvatarId, context.CancellationToken);
}
