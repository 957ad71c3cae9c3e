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

    /// <summary>
    /// A running job whose step has not advanced for this long is failed, though its worker is alive (a hung step, a
    /// stalled download). Longer than the worker's <c>Training:StagingUploadPatience</c>, since staging makes no steps.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A job no training worker took within this long is failed (no worker running, or the queue lost).</summary>
    public TimeSpan QueuedTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A job still packaging after this long is failed.</summary>
    public TimeSpan PackagingTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>No job lives longer than this from its submission, whatever its state.</summary>
    public TimeSpan MaxWallTime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// An avatar's running job that has no saga after this long (the service died between recording the job and
    /// starting it) is ended, so the avatar accepts jobs again.
    /// </summary>
    public TimeSpan SagaStartTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A cancellation the worker has not confirmed after this long is recorded as done.</summary>
    public TimeSpan CancellationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A job whose worker stopped without a result this many times (a crash, or a restart, each time) fails at its
    /// next start instead of running again: a poison job must not crash-loop the worker pool.
    /// </summary>
    public int MaxWorkerCrashes { get; set; } = 3;

    /// <summary>How often the watchdog looks for overdue jobs.</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(10);
}
