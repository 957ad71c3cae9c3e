namespace AdapterPipeline.Contracts.Avatars;

/// <summary>
/// Stores the avatar's system prompt (its persona), put first in every chat with the avatar. Answered with
/// <see cref="AvatarSystemPrompt"/> or <see cref="Requests.RequestRejected"/> (<c>invalid</c> naming <c>system_prompt</c>).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Text">The prompt: non-empty after trimming, no control characters but line feeds and tabs.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the event. Null: recorded as <c>bus</c>.</param>
public sealed record SetSystemPrompt(string UserId, string AvatarId, string Text, string? ActedBy = null);
