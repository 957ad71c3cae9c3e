namespace AdapterPipeline.Contracts.Jobs;

/// <summary>Answer to <see cref="Adapters.TrainAdapter"/>: the job exists (follow it at <c>/jobs/{job_id}</c>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="State">Its state now (queued, running, …).</param>
/// <param name="Replayed">True when an earlier command with the same idempotency key (or the same message) started it.</param>
public sealed record TrainingJobAccepted(Guid JobId, string State, bool Replayed);
