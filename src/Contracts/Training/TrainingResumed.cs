namespace AdapterPipeline.Contracts.Training;

/// <summary>Event: a redelivered job continues from its last checkpoint instead of starting afresh.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Step">The optimizer step of the checkpoint; training continues with the step after it.</param>
/// <param name="At">When.</param>
public sealed record TrainingResumed(Guid JobId, int Step, DateTimeOffset At);
