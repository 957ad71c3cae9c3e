namespace AdapterPipeline.Contracts.Avatars;

/// <summary>
/// Removes the avatar's system prompt; nothing is recorded when none is set. Answered with
/// <see cref="AvatarSystemPromptCleared"/> or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="ActedBy">Who asked, as in <see cref="SetSystemPrompt"/>.</param>
public sealed record ClearSystemPrompt(string UserId, string AvatarId, string? ActedBy = null);

/// <summary>A <see cref="ClearSystemPrompt"/> took effect (also when no prompt was set).</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="StreamVersion">Version of the avatar's event stream after the change.</param>
public sealed record AvatarSystemPromptCleared(string UserId, string AvatarId, long StreamVersion);
