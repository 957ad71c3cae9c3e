namespace AdapterPipeline.Contracts.Training;

/// <summary>Event: the worker stopped the job after a <see cref="CancelTraining"/>.</summary>
/// <param name="JobId">The job.</param>
/// <param name="At">When.</param>
public sealed record TrainingCancelled(Guid JobId, DateTimeOffset At);
