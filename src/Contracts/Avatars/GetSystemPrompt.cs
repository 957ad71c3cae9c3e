namespace AdapterPipeline.Contracts.Avatars;

/// <summary>
/// Query: the avatar's system prompt. Answered with <see cref="AvatarSystemPrompt"/> or
/// <see cref="Requests.RequestRejected"/> (<c>not_found</c> when none is set).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
public sealed record GetSystemPrompt(string UserId, string AvatarId);

/// <summary>The avatar's system prompt as stored.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Text">The prompt.</param>
/// <param name="UpdatedAt">When it was set.</param>
/// <param name="StreamVersion">Version of the avatar's event stream that recorded it.</param>
public sealed record AvatarSystemPrompt(string UserId, string AvatarId, string Text, DateTimeOffset UpdatedAt, long StreamVersion);
