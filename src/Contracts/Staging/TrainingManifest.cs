using System.Text.Json;

namespace AdapterPipeline.Contracts.Staging;

/// <summary>
/// training_manifest.json: what a training worker produced for a job, read by the packaging worker for the model
/// card and shipped in the adapter ZIP. Written and read with <see cref="TrainingManifestJson"/> (snake_case).
/// </summary>
/// <param name="JobId">The job that produced the adapter.</param>
/// <param name="Trained">False for an untrained (B = 0) adapter.</param>
/// <param name="BaseModel">The base model it adapts.</param>
/// <param name="Hyperparameters">Every training setting as used (defaults filled in), by snake_case name.</param>
/// <param name="TrainingFiles">The files trained on, as snapshotted when the job was accepted; empty when untrained.</param>
/// <param name="Metrics">What the run measured; zero steps and a NaN loss when untrained.</param>
/// <param name="Samples">Greedy completions of held-out prompts; empty when untrained.</param>
/// <param name="SoftwareVersions">What produced the adapter, so a run can be reproduced.</param>
public sealed record TrainingManifest(
    Guid JobId,
    bool Trained,
    string BaseModel,
    IReadOnlyDictionary<string, JsonElement> Hyperparameters,
    IReadOnlyList<TrainingManifestFile> TrainingFiles,
    TrainingManifestMetrics Metrics,
    IReadOnlyList<TrainingManifestSample> Samples,
    IReadOnlyDictionary<string, string> SoftwareVersions);

/// <summary>A training file: name, size and SHA-256.</summary>
/// <param name="FileName">The file's name.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of its bytes.</param>
public sealed record TrainingManifestFile(string FileName, long SizeBytes, string Sha256);

/// <summary>A loss measured after an optimizer step (step 0: before training).</summary>
/// <param name="Step">The optimizer step.</param>
/// <param name="Loss">The mean loss.</param>
public sealed record TrainingManifestLoss(int Step, double Loss);

/// <summary>What a run measured.</summary>
/// <param name="LossCurve">Training loss by step.</param>
/// <param name="EvalLosses">Eval loss by step; empty without held-out data.</param>
/// <param name="FinalTrainLoss">The last training loss (NaN when untrained).</param>
/// <param name="FinalEvalLoss">The last eval loss, if evaluated.</param>
/// <param name="TokensPerSecond">Training throughput.</param>
/// <param name="Device">The device trained on (cpu, cuda).</param>
/// <param name="Dtype">The base model's dtype while training.</param>
/// <param name="WallTimeSeconds">The training loop's own time.</param>
/// <param name="TotalSteps">Optimizer steps taken.</param>
/// <param name="Epochs">Passes over the training blocks.</param>
/// <param name="TrainTokens">Tokens in the training blocks.</param>
/// <param name="EvalTokens">Tokens held out.</param>
/// <param name="TrainableParameters">Parameters of the adapter.</param>
/// <remarks>
/// The chat-training fields are init-only so that manifests written before they existed still read.
/// </remarks>
public sealed record TrainingManifestMetrics(
    IReadOnlyList<TrainingManifestLoss> LossCurve,
    IReadOnlyList<TrainingManifestLoss> EvalLosses,
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
    /// <summary>Training examples (conversations or text windows) after truncation.</summary>
    public int TrainExamples { get; init; }

    /// <summary>Held-out examples.</summary>
    public int EvalExamples { get; init; }

    /// <summary>Training tokens that carry a target (in the loss): assistant tokens unless <c>train_on_inputs</c>.</summary>
    public long TrainTargetTokens { get; init; }

    /// <summary>Held-out tokens that carry a target.</summary>
    public long EvalTargetTokens { get; init; }

    /// <summary>Examples shortened (or dropped) to fit <c>max_seq_length</c>.</summary>
    public int TruncatedExamples { get; init; }

    /// <summary>Per epoch: training loss, and eval loss, perplexity and next-token accuracy when evaluated.</summary>
    public IReadOnlyList<TrainingManifestEpoch> EpochMetrics { get; init; } = [];

    /// <summary>The epoch whose adapter was kept (<c>keep_best</c>), if any.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>True when early stopping ended the run.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>Settings given as "auto": the value chosen and why.</summary>
    public IReadOnlyList<TrainingManifestAutoSetting> AutoSettings { get; init; } = [];
}

/// <summary>What one epoch measured.</summary>
/// <param name="Epoch">The epoch (1-based).</param>
/// <param name="Step">The optimizer step at its end.</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="EvalLoss">Eval loss per target token, if evaluated.</param>
/// <param name="EvalPerplexity">exp(eval loss), if evaluated.</param>
/// <param name="EvalAccuracy">Next-token accuracy on held-out targets, if evaluated.</param>
public sealed record TrainingManifestEpoch(int Epoch, int Step, double TrainLoss, double? EvalLoss, double? EvalPerplexity, double? EvalAccuracy);

/// <summary>A setting given as "auto", the value chosen and the reason.</summary>
/// <param name="Field">The hyperparameter's snake_case name.</param>
/// <param name="Value">The value chosen.</param>
/// <param name="Reason">Why.</param>
public sealed record TrainingManifestAutoSetting(string Field, string Value, string Reason);

/// <summary>A greedy continuation of a held-out prompt by the base model and by the base model with the adapter.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="BaseCompletion">The base model's continuation.</param>
/// <param name="AdapterCompletion">The continuation with the adapter.</param>
public sealed record TrainingManifestSample(string Prompt, string BaseCompletion, string AdapterCompletion);
