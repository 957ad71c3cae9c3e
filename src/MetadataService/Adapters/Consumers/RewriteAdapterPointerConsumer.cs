using MassTransit;

namespace AdapterPipeline.MetadataService.Adapters.Consumers;

/// <summary>Rewrites an avatar's <c>current.json</c> from its committed state; retried with backoff through an S3 outage.</summary>
public sealed class RewriteAdapterPointerConsumer(AvatarAdapterWriter writer) : IConsumer<RewriteAdapterPointer>
{
    public Task Consume(ConsumeContext<RewriteAdapterPointer> context) =>
        writer.RewritePointerAsync(context.Message.UserId, context.Message.AvatarId, context.CancellationToken);
}
