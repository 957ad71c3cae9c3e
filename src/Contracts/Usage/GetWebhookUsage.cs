namespace AdapterPipeline.Contracts.Usage;

/// <summary>
/// Query to the webhook service: the user's usage against its webhook quotas. Answered with <see cref="UserUsage"/>
/// or <see cref="Requests.RequestRejected"/>.
/// </summary>
/// <param name="UserId">The user.</param>
public sealed record GetWebhookUsage(string UserId);
