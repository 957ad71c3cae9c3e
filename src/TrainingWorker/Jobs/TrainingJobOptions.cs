using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>How the worker takes training jobs off the queue, bound from the <c>Training</c> section.</summary>
public sealed class TrainingJobOptions
{
    public const string Section = "Training";

    /// <summary>
    /// Jobs this worker runs at once, applied as the queue's prefetch count and concurrency limit, so further jobs
    /// stay in RabbitMQ (where another worker can take them) until one is done. One per GPU.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>How often a running job publishes <c>TrainingHeartbeat</c>, whatever the length of a training step.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a cancelled job id is remembered, so that its StartTraining is skipped if it arrives later.</summary>
    public TimeSpan CancelledJobRetention { get; set; } = TimeSpan.FromHours(24);
}
