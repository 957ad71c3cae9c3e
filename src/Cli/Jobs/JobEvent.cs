namespace AdapterPipeline.Cli.Jobs;

/// <summary>One entry of a job's history, as <c>GET /jobs/{id}/events</c> sends it (JSON or server-sent event).</summary>
public sealed record JobEvent(
    DateTimeOffset At, string Type, string State, int? Step, int? TotalSteps, double? Loss, double? EvalLoss, string? Detail);
