namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Query: a user's avatars that have a current adapter version, i.e. what can be chatted with. Answered with
/// <see cref="ServedAvatars"/>.
/// </summary>
/// <param name="UserId">Owner of the avatars.</param>
/// <param name="Limit">At most this many avatars (1–1000), in avatar id order.</param>
public sealed record ListServedAvatars(string UserId, int Limit);

/// <summary>The avatars of a <see cref="ListServedAvatars"/> query.</summary>
/// <param name="UserId">Owner of the avatars.</param>
/// <param name="Avatars">Each avatar with its current version.</param>
public sealed record ServedAvatars(string UserId, IReadOnlyList<ServedAvatar> Avatars);

/// <summary>An avatar with a current adapter version.</summary>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Version">Its current version.</param>
/// <param name="BaseModel">The base model the version was trained on.</param>
/// <param name="CreatedAt">When the current version was recorded.</param>
public sealed record ServedAvatar(string AvatarId, int Version, string BaseModel, DateTimeOffset CreatedAt);
