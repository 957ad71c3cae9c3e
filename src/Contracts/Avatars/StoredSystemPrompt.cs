using System.Text.Json.Serialization;

namespace AdapterPipeline.Contracts.Avatars;

/// <summary>
/// The S3 object at <c>StorageKeys.SystemPrompt</c>: written by the metadata service after each change, read by the
/// inference workers for every chat with the avatar.
/// </summary>
/// <param name="SystemPrompt">The prompt.</param>
/// <param name="UpdatedAt">When it was set.</param>
public sealed record StoredSystemPrompt(
    [property: JsonPropertyName("system_prompt")] string SystemPrompt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt);
