namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>How the worker runs training jobs, bound from the <c>Training</c> section.</summary>
public sealed class TrainingJobOptions
{
    public const string Section = "Training";

    /// <summary>How often a running job publishes <c>TrainingHeartbeat</c>, whatever the length of a training step.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a cancelled job id is remembered, so that its StartTraining is skipped if it arrives later.</summary>
    public TimeSpan CancelledJobRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a delivered job waits in all for the metadata service to tell its state, asked up to three times (a
    /// third of this each); then it runs.
    /// </summary>
    public TimeSpan LivenessCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a trained adapter, kept on local disk, is offered to S3 again while S3 is unreachable before the job
    /// fails; a finished run is not thrown away for an outage shorter than this.
    /// </summary>
    public TimeSpan StagingUploadPatience { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>One staging attempt is abandoned (and retried) after this long, so a hung connection cannot outlast the patience.</summary>
    public TimeSpan StagingAttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait between staging attempts; it doubles up to <see cref="StagingRetryMaxDelay"/>.</summary>
    public TimeSpan StagingRetryFirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan StagingRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
