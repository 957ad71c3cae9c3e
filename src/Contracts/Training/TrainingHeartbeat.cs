namespace AdapterPipeline.Contracts.Training;

/// <summary>Event: the worker is still at it (sent on a timer, independent of step length).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Worker">Host and process of the worker.</param>
/// <param name="At">When.</param>
/// <param name="Step">
/// The last training step reached, null before the first: a live worker whose step stops advancing is stuck, which
/// the metadata service's watchdog tells apart from a silent one.
/// </param>
public sealed record TrainingHeartbeat(Guid JobId, string Worker, DateTimeOffset At, int? Step = null);
