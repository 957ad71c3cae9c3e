namespace AdapterPipeline.Contracts.Jobs;

/// <summary>Query: what happened to a job, oldest first. Answered with <see cref="TrainingJobEvents"/> or <see cref="Requests.RequestRejected"/> (not_found).</summary>
/// <param name="JobId">The job.</param>
public sealed record GetTrainingJobEvents(Guid JobId);

/// <summary>A job's history.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Events">Transitions and progress reports, oldest first.</param>
public sealed record TrainingJobEvents(Guid JobId, IReadOnlyList<TrainingJobEvent> Events);

/// <summary>One entry of a job's history.</summary>
/// <param name="At">When.</param>
/// <param name="Type">queued, started, resumed (Step: the checkpoint's step), progress, trained, packaged, succeeded, failed, cancel_requested, cancelled.</param>
/// <param name="State">The job's state after it.</param>
/// <param name="Step">Optimizer step, for progress.</param>
/// <param name="TotalSteps">Planned steps, for progress.</param>
/// <param name="Loss">Training loss, for progress.</param>
/// <param name="EvalLoss">Held-out loss, when evaluated.</param>
/// <param name="Detail">Worker, version, error or reason.</param>
public sealed record TrainingJobEvent(
    DateTimeOffset At, string Type, string State, int? Step, int? TotalSteps, double? Loss, double? EvalLoss, string? Detail);
