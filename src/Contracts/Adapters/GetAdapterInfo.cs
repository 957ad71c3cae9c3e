namespace AdapterPipeline.Contracts.Adapters;

/// <summary>Query: the avatar's adapter. Answered with <see cref="AdapterInfo"/> or <see cref="Requests.RequestRejected"/> (not_found).</summary>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
public sealed record GetAdapterInfo(string UserId, string AvatarId);
