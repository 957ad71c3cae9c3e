using System.ComponentModel.DataAnnotations;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Checkpoints;

/// <summary>When a training job saves a checkpoint, bound from <c>Training:Checkpoints</c>; every epoch end regardless.</summary>
public sealed class CheckpointOptions
{
    public const string Section = "Training:Checkpoints";

    /// <summary>Checkpoint every this many optimizer steps; null: by <see cref="Interval"/>.</summary>
    [Range(1, int.MaxValue)]
    public int? EverySteps { get; set; }

    /// <summary>Without <see cref="EverySteps"/>, the least time between two checkpoints within an epoch.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    public CheckpointPolicy Policy => new(EverySteps, Interval);
}
