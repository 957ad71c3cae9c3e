namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>A progress report, sent every <c>logging_steps</c> optimizer steps and after the last.</summary>
/// <param name="Step">Optimizer steps done (1-based).</param>
/// <param name="TotalSteps">Optimizer steps the run will take.</param>
/// <param name="Epoch">Epochs done, fractional (1.5 = halfway through the second).</param>
/// <param name="Loss">Mean training loss over the last step's batches.</param>
/// <param name="EvalLoss">The latest held-out loss, if any was measured yet.</param>
/// <param name="LearningRate">The learning rate the last step used.</param>
/// <param name="TokensPerSecond">Training tokens per second so far.</param>
/// <param name="EstimatedRemaining">Time left at the pace so far.</param>
public sealed record TrainingProgress(
    int Step,
    int TotalSteps,
    double Epoch,
    double Loss,
    double? EvalLoss,
    double LearningRate,
    double TokensPerSecond,
    TimeSpan EstimatedRemaining);
