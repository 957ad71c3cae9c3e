using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.SystemPrompts.Consumers;

public sealed class ClearSystemPromptConsumer(SystemPromptWriter writer, TimeProvider clock) : IConsumer<ClearSystemPrompt>
{
    public async Task Consume(ConsumeContext<ClearSystemPrompt> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());
        var now = clock.GetUtcNow();
        var by = AvatarStreams.Actor(m.ActedBy);
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, by, state => SystemPromptDecisions.Decide(state, m, by, now), context.CancellationToken);
        await context.RespondAsync(new AvatarSystemPromptCleared(m.UserId, m.AvatarId, change.Committed?.Version ?? 0));
    }
}
