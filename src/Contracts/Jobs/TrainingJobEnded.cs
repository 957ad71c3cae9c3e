namespace AdapterPipeline.Contracts.Jobs;

/// <summary>Event: a job reached a final state (succeeded, failed or cancelled). Webhooks are sent from it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Kind">train or create.</param>
/// <param name="UserId">Owner of the avatar.</param>
/// <param name="AvatarId">The avatar.</param>
/// <param name="AdapterName">The adapter.</param>
/// <param name="State">succeeded, failed or cancelled.</param>
/// <param name="Version">The version produced, when succeeded.</param>
/// <param name="Error">Why it failed or was cancelled.</param>
/// <param name="WebhookUrl">The job's own callback URL, if it had one.</param>
/// <param name="EndedAt">When.</param>
public sealed record TrainingJobEnded(
    Guid JobId,
    string Kind,
    string UserId,
    string AvatarId,
    string AdapterName,
    string State,
    int? Version,
    string? Error,
    string? WebhookUrl,
    DateTimeOffset EndedAt);
