namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Every live state has a deadline. A pure decision the watchdog applies: given a job and the time, why it must end
/// now, in words that say what actually happened, or null while it is within its deadlines.
/// </summary>
public static class JobDeadlines
{
    public const string NeverStarted = "the job was recorded but never started (the service stopped before it could start it)";

    public static string? Overdue(TrainingJob job, JobOptions o, DateTimeOffset now)
    {
        if (now - job.CreatedAt > o.MaxWallTime)
        {
            return $"the job exceeded its maximum wall time of {Format(o.MaxWallTime)} while {job.State}";
        }
        var sinceStep = now - (job.StepAdvancedAt ?? job.StartedAt ?? job.UpdatedAt);
        return job.CurrentState switch
        {
            "Queued" when now - job.CreatedAt > o.QueuedTimeout =>
                $"no training worker took the job within {Format(o.QueuedTimeout)}",
            "Running" when now - job.UpdatedAt > o.HeartbeatTimeout =>
                $"no heartbeat from the worker {job.Worker} for {Format(now - job.UpdatedAt)}",
            "Running" when sinceStep > o.StallTimeout => job.Step is { } step
                ? $"the worker {job.Worker} is alive but training made no progress for {Format(sinceStep)} (stuck at step {step} of {job.TotalSteps})"
                : $"the worker {job.Worker} is alive but training did not reach its first step within {Format(sinceStep)}",
            "Packaging" when now - job.UpdatedAt > o.PackagingTimeout =>
                $"packaging did not finish within {Format(o.PackagingTimeout)}",
            _ => null,
        };
    }

    internal static string Format(TimeSpan t) =>
        t >= TimeSpan.FromHours(1) ? $"{t.TotalHours:0.#} h"
        : t >= TimeSpan.FromMinutes(1) ? $"{t.TotalMinutes:0.#} min"
        : $"{t.TotalSeconds:0} s";
}
