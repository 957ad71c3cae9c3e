using AdapterPipeline.LanguageModels.Adapters;

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
    long TrainableParameters)
{
    /// <summary>Training examples (after the eval split, truncation and windowing).</summary>
    public int TrainExamples { get; init; }

    public int EvalExamples { get; init; }

    /// <summary>Tokens the loss is computed on per epoch: the assistant's replies, or every token with train_on_inputs or plain text.</summary>
    public long TrainTargetTokens { get; init; }

    public long EvalTargetTokens { get; init; }

    /// <summary>Conversations that lost whole turns to fit max_seq_length (dropped ones included).</summary>
    public int TruncatedExamples { get; init; }

    /// <summary>Per epoch: training loss and, with held-out data, eval loss, perplexity and next-token accuracy.</summary>
    public IReadOnlyList<EpochMetrics> EpochMetrics { get; init; } = [];

    /// <summary>The epoch whose adapter is the result (keep_best), 1-based; null without evaluation.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>Whether early_stopping_patience ended the run before num_epochs.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Settings the request left to "auto": the values used and why.</summary>
    public IReadOnlyList<AutoSetting> AutoSettings { get; init; } = [];
}

/// <summary>One epoch's measurements; eval figures are per target token and null without held-out data.</summary>
public sealed record EpochMetrics(int Epoch, int Step, double TrainLoss, double? EvalLoss, double? EvalPerplexity, double? EvalAccuracy);

/// <summary>A greedy continuation of a held-out prompt by the base model and by the base model with the adapter.</summary>
public sealed record SampleCompletion(string Prompt, string BaseCompletion, string AdapterCompletion);

public sealed record TrainingResult(TrainingMetrics Metrics, AdapterFiles Files, IReadOnlyList<SampleCompletion> Samples);
