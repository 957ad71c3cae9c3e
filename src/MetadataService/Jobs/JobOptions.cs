namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>Bound from the <c>Adapters</c> section (its name kept so existing settings still apply).</summary>
public sealed class JobOptions
{
    public const string Section = "Adapters";

    /// <summary>How long to wait for a training worker to check a job's settings before accepting it unchecked.</summary>
    public TimeSpan SettingsCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the webhook service to check a job's own webhook URL before accepting it unchecked.</summary>
    public TimeSpan WebhookUrlCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A running job with no heartbeat or progress for this long is failed.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A cancellation the worker has not confirmed after this long is recorded as done.</summary>
    public TimeSpan CancellationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the watchdog looks for overdue jobs.</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(10);
}
