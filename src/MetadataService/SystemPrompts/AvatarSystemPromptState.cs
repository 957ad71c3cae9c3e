namespace AdapterPipeline.MetadataService.SystemPrompts;

/// <summary>The avatar's system prompt was set (or replaced).</summary>
/// <param name="Text">The prompt.</param>
/// <param name="By">Who set it.</param>
/// <param name="SetAt">When.</param>
public sealed record SystemPromptSet(string Text, string By, DateTimeOffset SetAt);

/// <summary>The avatar's system prompt was removed.</summary>
/// <param name="By">Who removed it.</param>
/// <param name="ClearedAt">When.</param>
public sealed record SystemPromptCleared(string By, DateTimeOffset ClearedAt);

/// <summary>
/// The avatar's current system prompt, folded inline from the avatar stream; <see cref="Text"/> is null while none is set.
/// </summary>
public sealed record AvatarSystemPromptState
{
    /// <summary>The stream id (avatar:{user_id}:{avatar_id}).</summary>
    public string Id { get; init; } = "";

    public long Version { get; set; }

    public string? Text { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public AvatarSystemPromptState Apply(SystemPromptSet e) => this with { Text = e.Text, UpdatedAt = e.SetAt };

    public AvatarSystemPromptState Apply(SystemPromptCleared e) => this with { Text = null, UpdatedAt = e.ClearedAt };
}
