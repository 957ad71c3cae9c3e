namespace AdapterPipeline.Contracts.Usage;

/// <summary>
/// The names of the per-user quotas, as refusals (<see cref="Requests.QuotaExceeded.Quota"/>) and
/// <see cref="UserUsage"/> spell them.
/// </summary>
public static class Quotas
{
    /// <summary>Jobs queued or running at once across the user's avatars (metadata service).</summary>
    public const string ConcurrentJobsPerUser = "concurrent_jobs_per_user";

    /// <summary>Bytes of training files of one avatar (metadata service).</summary>
    public const string TrainingBytesPerAvatar = "training_bytes_per_avatar";

    /// <summary>Bytes of training files across the user's avatars (metadata service).</summary>
    public const string TrainingBytesPerUser = "training_bytes_per_user";

    /// <summary>Training files of one avatar (metadata service).</summary>
    public const string FilesPerAvatar = "files_per_avatar";

    /// <summary>Avatars with training files, an adapter or a job (metadata service).</summary>
    public const string AvatarsPerUser = "avatars_per_user";

    /// <summary>Webhook subscriptions of the user (webhook service).</summary>
    public const string WebhookSubscriptionsPerUser = "webhook_subscriptions_per_user";

    /// <summary>Live job event streams (server-sent events) open at once for the user's jobs (each Ingress instance).</summary>
    public const string OpenEventStreamsPerUser = "open_event_streams_per_user";
}
