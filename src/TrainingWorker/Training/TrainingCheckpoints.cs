namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>How a run saves its state while it trains, and the state it resumes from.</summary>
/// <param name="ResumeFrom">A checkpoint file written by an earlier attempt of the same job, or null to start afresh.</param>
/// <param name="Directory">Where new checkpoint files are written (one file per checkpoint, named by step).</param>
/// <param name="Policy">When a checkpoint is due.</param>
/// <param name="Saved">Called on the training thread after a checkpoint file is complete; the callee owns the file.</param>
/// <param name="Resumed">Called once, with the step the run continues after, when <paramref name="ResumeFrom"/> was used.</param>
public sealed record TrainingCheckpoints(string? ResumeFrom, string Directory, CheckpointPolicy Policy, Action<SavedCheckpoint> Saved, Action<int> Resumed);

/// <summary>A checkpoint file: the state after optimizer step <paramref name="Step"/>.</summary>
public sealed record SavedCheckpoint(int Step, string Path);

/// <summary>
/// When to checkpoint: at each epoch end, and within an epoch every <paramref name="EverySteps"/> optimizer steps
/// or, without it, once <paramref name="Interval"/> has passed since the last checkpoint. Never after the last step:
/// the finished adapter replaces it.
/// </summary>
public sealed record CheckpointPolicy(int? EverySteps, TimeSpan Interval)
{
    public bool IsDue(int step, int totalSteps, bool endOfEpoch, TimeSpan sinceLast) =>
        step < totalSteps && (endOfEpoch || (EverySteps is { } n ? step % n == 0 : sinceLast >= Interval));
}
