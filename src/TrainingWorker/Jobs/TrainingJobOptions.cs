namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>How the worker runs training jobs, bound from the <c>Training</c> section.</summary>
public sealed class TrainingJobOptions
{
    public const string Section = "Training";

    /// <summary>How often a running job publishes <c>TrainingHeartbeat</c>, whatever the length of a training step.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a cancelled job id is remembered, so that its StartTraining is skipped if it arrives later.</summary>
    public TimeSpan CancelledJobRetention { get; set; } = TimeSpan.FromHours(24);
}
