namespace AdapterPipeline.Contracts.Training;

/// <summary>Event: progress of a running job, every few steps.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="TotalSteps">Optimizer steps planned.</param>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Loss">Training loss.</param>
/// <param name="EvalLoss">Held-out loss, when evaluated at this step.</param>
/// <param name="LearningRate">Current learning rate.</param>
/// <param name="TokensPerSecond">Throughput.</param>
/// <param name="EtaSeconds">Estimated seconds left.</param>
/// <param name="At">When.</param>
public sealed record TrainingProgressed(
    Guid JobId,
    int Step,
    int TotalSteps,
    int Epoch,
    double Loss,
    double? EvalLoss,
    double LearningRate,
    double TokensPerSecond,
    double EtaSeconds,
    DateTimeOffset At);
