using AdapterPipeline.Contracts.Avatars;

namespace AdapterPipeline.MetadataService.SystemPrompts;

/// <summary>Pure: the events that carry out a system-prompt command on the avatar's current prompt.</summary>
public static class SystemPromptDecisions
{
    /// <summary>Nothing when the same text is already set, so a repeated PUT leaves the history as it is.</summary>
    public static IReadOnlyList<object> Decide(AvatarSystemPromptState state, SetSystemPrompt command, string by, DateTimeOffset now) =>
        state.Text == command.Text ? [] : [new SystemPromptSet(command.Text, by, now)];

    /// <summary>Nothing when no prompt is set: clearing is idempotent.</summary>
    public static IReadOnlyList<object> Decide(AvatarSystemPromptState state, ClearSystemPrompt command, string by, DateTimeOffset now) =>
        state.Text is null ? [] : [new SystemPromptCleared(by, now)];
}
