namespace AdapterPipeline.Contracts.Training;

/// <summary>Event: the job cannot succeed (bad data, invalid settings, an error in training).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Error">What went wrong, for people; no user data.</param>
/// <param name="At">When.</param>
public sealed record TrainingFailed(Guid JobId, string Error, DateTimeOffset At);
