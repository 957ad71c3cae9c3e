using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.SystemPrompts.Consumers;

/// <summary>Rewrites an avatar's system-prompt copy from its committed state; retried with backoff through an S3 outage.</summary>
public sealed class RewriteSystemPromptConsumer(SystemPromptWriter writer) : IConsumer<RewriteSystemPrompt>
{
    public Task Consume(ConsumeContext<RewriteSystemPrompt> context) =>
        writer.ChangeAsync(context.Message.UserId, context.Message.AvatarId, AvatarStreams.Actor(null), _ => [], context.CancellationToken);
}
