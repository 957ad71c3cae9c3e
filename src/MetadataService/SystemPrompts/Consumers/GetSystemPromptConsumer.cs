using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Messaging;
using MassTransit;

namespace AdapterPipeline.MetadataService.SystemPrompts.Consumers;

public sealed class GetSystemPromptConsumer(SystemPromptWriter writer) : IConsumer<GetSystemPrompt>
{
    public async Task Consume(ConsumeContext<GetSystemPrompt> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());
        var state = await writer.ReadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        if (state is not { Text: { } text, UpdatedAt: { } updatedAt })
        {
            throw RequestRejectedException.Field(RejectionReasons.NotFound, "system_prompt", "the avatar has no system prompt", "The avatar has no system prompt.");
        }
        await context.RespondAsync(new AvatarSystemPrompt(m.UserId, m.AvatarId, text, updatedAt, state.Version));
    }
}
