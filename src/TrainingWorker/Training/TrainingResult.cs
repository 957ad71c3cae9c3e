using AdapterPipeline.TrainingWorker.Adapters;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>A loss measured after an optimizer step (step 0: before training).</summary>
public sealed record LossPoint(int Step, double Loss);

/// <summary>What a run measured, for training_manifest.json and the model card.</summary>
public sealed record TrainingMetrics(
    IReadOnlyList<LossPoint> LossCurve,
    IReadOnlyList<LossPoint> EvalLosses,
    double FinalTrainLoss,
    double? FinalEvalLoss,
    double TokensPerSecond,
    string Device,
    string Dtype,
    double WallTimeSeconds,
    int TotalSteps,
    int Epochs,
    long TrainTokens,
    long EvalTokens,
    long TrainableParameters);

/// <summary>A greedy continuation of a held-out prompt by the base model and by the base model with the adapter.</summary>
public sealed record SampleCompletion(string Prompt, string BaseCompletion, string AdapterCompletion);

public sealed record TrainingResult(TrainingMetrics Metrics, AdapterFiles Files, IReadOnlyList<SampleCompletion> Samples);
