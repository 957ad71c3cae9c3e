namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Command: cancel the avatar's running job, if any, then delete its adapter and every backup object.
/// Answered with <see cref="AdapterDeleted"/> or <see cref="Requests.RequestRejected"/> (not_found).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="ActedBy">Who asked: an API key id or a token subject, never a secret; recorded with the events it appends. Null (a system publishing on the bus): recorded as <c>bus</c>.</param>
public sealed record DeleteAdapter(string UserId, string AvatarId, string? ActedBy = null);
