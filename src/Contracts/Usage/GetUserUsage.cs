namespace AdapterPipeline.Contracts.Usage;

/// <summary>
/// Query to the metadata service: the user's usage against its quotas (jobs, avatars, files, bytes). Answered with
/// <see cref="UserUsage"/> or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">The user.</param>
public sealed record GetUserUsage(string UserId);
