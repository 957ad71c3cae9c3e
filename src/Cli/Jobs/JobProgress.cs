namespace AdapterPipeline.Cli.Jobs;

/// <summary>
/// What a follower knows about a job, rebuilt from its events: state, step, the losses so far, and the step rate
/// that gives the ETA. Each event gives a new value; nothing here does I/O.
/// </summary>
public sealed record JobProgress(
    Guid JobId,
    string State,
    int? Step,
    int? TotalSteps,
    IReadOnlyList<double> Losses,
    double? EvalLoss,
    DateTimeOffset? FirstStepAt,
    int FirstStep,
    DateTimeOffset? LastStepAt,
    string? Detail)
{
    public static JobProgress Start(Guid jobId) => new(jobId, "queued", null, null, [], null, null, 0, null, null);

    public bool Ended => State is "succeeded" or "failed" or "cancelled";

    public double Percent => State == "succeeded"
        ? 100
        : Step is { } step && TotalSteps is > 0 and var total ? Math.Min(100, 100.0 * step / total) : 0;

    /// <summary>Steps left at the rate measured since the first progress event; unknown before two of them.</summary>
    public TimeSpan? Eta
    {
        get
        {
            if (Ended || State == "packaging")
            {
                return TimeSpan.Zero;
            }
            if (Step is not { } step || TotalSteps is not { } total || FirstStepAt is not { } first || LastStepAt is not { } last || step <= FirstStep)
            {
                return null;
            }
            var perStep = (last - first) / (step - FirstStep);
            return perStep * Math.Max(0, total - step);
        }
    }

    public JobProgress Apply(JobEvent e)
    {
        var next = this with
        {
            State = e.State,
            TotalSteps = e.TotalSteps ?? TotalSteps,
            EvalLoss = e.EvalLoss ?? EvalLoss,
            Detail = e.Type is "failed" or "cancelled" or "succeeded" ? e.Detail : Detail,
        };
        if (e.Step is not { } step)
        {
            return next;
        }
        return next with
        {
            Step = step,
            Losses = e.Type == "progress" && e.Loss is { } loss ? [.. Losses, loss] : Losses,
            FirstStepAt = FirstStepAt ?? e.At,
            FirstStep = FirstStepAt is null ? step : FirstStep,
            LastStepAt = e.At,
        };
    }
}
