namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Command: cancel the avatar's running job, if any, then delete its adapter and every backup object.
/// Answered with <see cref="AdapterDeleted"/> or <see cref="Requests.RequestRejected"/> (not_found).
/// </summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
public sealed record DeleteAdapter(string UserId, string AvatarId);
