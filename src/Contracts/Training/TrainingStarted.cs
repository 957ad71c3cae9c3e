namespace AdapterPipeline.Contracts.Training;

/// <summary>Event: a worker took the job and began.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Worker">Host and process of the worker.</param>
/// <param name="Device">What it trains on.</param>
/// <param name="Attempt">1 for the first delivery, more after a worker died.</param>
/// <param name="StartedAt">When.</param>
public sealed record TrainingStarted(Guid JobId, string Worker, string Device, int Attempt, DateTimeOffset StartedAt);
