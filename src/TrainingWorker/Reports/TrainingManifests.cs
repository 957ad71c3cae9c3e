using System.Text.Json;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Reports;

/// <summary>Builds the <see cref="TrainingManifest"/> contract from the trainer's request and results.</summary>
public static class TrainingManifests
{
    private static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>
    {
        ["adapter_pipeline"] = typeof(TrainingManifests).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["libtorch"] = TorchSharp.torch.__version__,
        ["dotnet"] = Environment.Version.ToString(),
    };

    /// <summary>The manifest of a trained adapter, with the files it was trained on.</summary>
    public static TrainingManifest Trained(Guid jobId, TrainingRequest request, TrainingResult result, IReadOnlyList<TrainingManifestFile> files) =>
        new(jobId, true, request.BaseModel, Hyperparameters(request), files, Metrics(result.Metrics),
            result.Samples.Select(s => new TrainingManifestSample(s.Prompt, s.BaseCompletion, s.AdapterCompletion)).ToList(), Versions);

    /// <summary>The manifest of an untrained (B = 0) adapter: no files, no steps, no samples.</summary>
    public static TrainingManifest Untrained(Guid jobId, TrainingRequest request, TrainingMetrics metrics) =>
        new(jobId, false, request.BaseModel, Hyperparameters(request), [], Metrics(metrics), [], Versions);

    /// <summary>Every setting by its snake_case name, as the API spells it.</summary>
    private static Dictionary<string, JsonElement> Hyperparameters(TrainingRequest request) =>
        JsonSerializer.SerializeToElement(request, TrainingManifestJson.Options).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);

    private static TrainingManifestMetrics Metrics(TrainingMetrics m) => new(
        m.LossCurve.Select(Loss).ToList(), m.EvalLosses.Select(Loss).ToList(), m.FinalTrainLoss, m.FinalEvalLoss, m.TokensPerSecond,
        m.Device, m.Dtype, m.WallTimeSeconds, m.TotalSteps, m.Epochs, m.TrainTokens, m.EvalTokens, m.TrainableParameters)
    {
        TrainExamples = m.TrainExamples,
        EvalExamples = m.EvalExamples,
        TrainTargetTokens = m.TrainTargetTokens,
        EvalTargetTokens = m.EvalTargetTokens,
        TruncatedExamples = m.TruncatedExamples,
        EpochMetrics = m.EpochMetrics.Select(e => new TrainingManifestEpoch(e.Epoch, e.Step, e.TrainLoss, e.EvalLoss, e.EvalPerplexity, e.EvalAccuracy)).ToList(),
        BestEpoch = m.BestEpoch,
        StoppedEarly = m.StoppedEarly,
        AutoSettings = m.AutoSettings.Select(a => new TrainingManifestAutoSetting(a.Field, a.Value, a.Reason)).ToList(),
    };

    private static TrainingManifestLoss Loss(LossPoint point) => new(point.Step, point.Loss);
}
