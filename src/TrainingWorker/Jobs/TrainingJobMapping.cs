using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>Translations between the contracts and the trainer's types.</summary>
public static class TrainingJobMapping
{
    /// <summary>
    /// The trainer's request for a job's settings and files: each null setting takes the trainer's default, and the
    /// files marked <see cref="FileForTraining.UseForEval"/> are its eval files.
    /// </summary>
    public static TrainingRequest ToTrainingRequest(TrainingHyperparameters? hyperparameters, IReadOnlyList<FileForTraining> files) =>
        ToTrainingRequest(hyperparameters) with { EvalFiles = files.Where(f => f.UseForEval).Select(f => f.FileName).ToList() };

    /// <summary>The trainer's request for <paramref name="hyperparameters"/>: each null takes the trainer's default.</summary>
    public static TrainingRequest ToTrainingRequest(TrainingHyperparameters? hyperparameters)
    {
        var defaults = new TrainingRequest();
        if (hyperparameters is null)
        {
            return defaults;
        }
        return defaults with
        {
            BaseModel = hyperparameters.BaseModel ?? defaults.BaseModel,
            LearningRate = hyperparameters.LearningRate ?? defaults.LearningRate,
            NumEpochs = hyperparameters.NumEpochs ?? defaults.NumEpochs,
            BatchSize = hyperparameters.BatchSize ?? defaults.BatchSize,
            LoraR = hyperparameters.LoraR ?? defaults.LoraR,
            LoraAlpha = hyperparameters.LoraAlpha ?? defaults.LoraAlpha,
            LoraDropout = hyperparameters.LoraDropout ?? defaults.LoraDropout,
            TargetModules = hyperparameters.TargetModules ?? defaults.TargetModules,
            MaxSeqLength = hyperparameters.MaxSeqLength ?? defaults.MaxSeqLength,
            Seed = hyperparameters.Seed ?? defaults.Seed,
            TrainOnInputs = hyperparameters.TrainOnInputs ?? defaults.TrainOnInputs,
            KeepBest = hyperparameters.KeepBest ?? defaults.KeepBest,
            EarlyStoppingPatience = hyperparameters.EarlyStoppingPatience ?? defaults.EarlyStoppingPatience,
        };
    }

    /// <summary>The preview as the contract answers it: every setting resolved, each data error with its file and line.</summary>
    public static TrainingPreviewed ToPreviewed(TrainingPreview preview)
    {
        var (request, data, settings) = (preview.Request, preview.Data, preview.Settings);
        return new TrainingPreviewed(
            (data?.Train.Count ?? 0) + (data?.Eval.Count ?? 0),
            data?.Eval.Count ?? 0,
            (data?.TrainTokens ?? 0) + (data?.EvalTokens ?? 0),
            data?.TrainTargetTokens ?? 0,
            data?.TruncatedExamples ?? 0,
            preview.Steps,
            preview.EstimatedSeconds,
            preview.EstimatedMemoryBytes,
            new TrainingHyperparameters(
                settings?.LearningRate ?? request.LearningRate, settings?.NumEpochs ?? request.NumEpochs, settings?.BatchSize ?? request.BatchSize,
                request.LoraR, request.LoraAlpha, request.LoraDropout, request.TargetModules, request.MaxSeqLength, request.BaseModel,
                request.Seed, request.TrainOnInputs, request.KeepBest, request.EarlyStoppingPatience),
            preview.Errors.Select(e => new TrainingDataError(e.File, e.Line, e.Message)).ToList());
    }

    public static TrainingProgressed ToProgressed(Guid jobId, TrainingProgress progress, DateTimeOffset at) => new(
        jobId,
        progress.Step,
        progress.TotalSteps,
        CurrentEpoch(progress.Epoch),
        progress.Loss,
        progress.EvalLoss,
        progress.LearningRate,
        progress.TokensPerSecond,
        progress.EstimatedRemaining.TotalSeconds,
        at);

    /// <summary>
    /// The trainer counts epochs done (1.5 = halfway through the second); the event names the epoch in progress,
    /// 1-based, and a step that ends an epoch still belongs to it.
    /// </summary>
    public static int CurrentEpoch(double epochsDone) => Math.Max(1, (int)Math.Ceiling(epochsDone - 1e-9));

    public static TrainingMetricsSummary ToSummary(TrainingMetrics metrics) => new(
        double.IsFinite(metrics.FinalTrainLoss) ? metrics.FinalTrainLoss : null,
        metrics.FinalEvalLoss is { } eval && double.IsFinite(eval) ? eval : null,
        metrics.TokensPerSecond,
        metrics.Device,
        metrics.Dtype,
        metrics.WallTimeSeconds,
        metrics.TotalSteps);

    /// <summary>What training_manifest.json records for an untrained adapter: no steps, no losses.</summary>
    public static TrainingMetrics UntrainedMetrics(string device) =>
        new([], [], double.NaN, null, 0, device, "float32", 0, 0, 0, 0, 0, 0);
}
