using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using MassTransit;

namespace AdapterPipeline.MetadataService.SystemPrompts.Consumers;

public sealed class SetSystemPromptConsumer(SystemPromptWriter writer, TimeProvider clock) : IConsumer<SetSystemPrompt>
{
    public async Task Consume(ConsumeContext<SetSystemPrompt> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId)
            .AddIf("system_prompt", InputRules.SystemPromptProblem(m.Text, InputRules.MaxSystemPromptLength)).ToDictionary());
        var now = clock.GetUtcNow();
        var by = AvatarStreams.Actor(m.ActedBy);
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, by, state => SystemPromptDecisions.Decide(state, m, by, now), context.CancellationToken);
        var state = change.Committed!;
        await context.RespondAsync(new AvatarSystemPrompt(m.UserId, m.AvatarId, state.Text!, state.UpdatedAt!.Value, state.Version));
    }
}
