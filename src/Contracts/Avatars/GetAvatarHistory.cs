namespace AdapterPipeline.Contracts.Avatars;

/// <summary>Query: a page of the avatar's event stream, oldest first. Answered with <see cref="AvatarHistory"/>.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AfterVersion">Return events after this stream version (0: from the start).</param>
/// <param name="Limit">At most this many events (1–500).</param>
public sealed record GetAvatarHistory(string UserId, string AvatarId, long AfterVersion, int Limit);

/// <summary>A page of an avatar's history.</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="Events">The events of this page.</param>
/// <param name="StreamVersion">The stream's latest version.</param>
/// <param name="NextAfterVersion">Pass as AfterVersion for the next page; null on the last page.</param>
public sealed record AvatarHistory(string UserId, string AvatarId, IReadOnlyList<AvatarHistoryEntry> Events, long StreamVersion, long? NextAfterVersion);

/// <summary>One recorded event.</summary>
/// <param name="Version">Its position in the stream (1-based).</param>
/// <param name="Type">Its name, e.g. <c>training_file_uploaded</c>.</param>
/// <param name="Timestamp">When it was recorded.</param>
/// <param name="Data">The event's fields as JSON.</param>
/// <param name="ActedBy">Who caused it: an API key id, <c>jwt:</c> and a token subject, <c>bus</c> for a command published on the bus without one, or <c>job:</c> and the job id for what a job recorded; null for events recorded before this was kept.</param>
public sealed record AvatarHistoryEntry(long Version, string Type, DateTimeOffset Timestamp, string Data, string? ActedBy = null);
