using System.Text.Json;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Data;
using Amazon.Runtime;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.Training;

public sealed partial class AdapterTrainer(
    BaseModelRegistry baseModels, TrainingDevice device, TrainingThroughput throughput, ILogger<AdapterTrainer> logger) : IAdapterTrainer
{
    // torch's random generator is process-wide, so seeded runs must not interleave, whichever trainer runs them. The
    // start-training endpoint takes one job at a time for the same reason; this also covers direct callers (tests).
    // Every phase of a run that can take long (steps, evaluation, sample replies) stops on cancellation, so a cancelled
    // run hands this over within one batch or one sample.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(TrainingRequest request, CancellationToken ct)
    {
        if (baseModels.Contains(request.BaseModel) && await DescriptionProblemAsync(request.BaseModel, ct) is { } problem)
        {
            return new Dictionary<string, string[]> { ["base_model"] = [problem] };
        }
        var errors = TrainingRequestValidator.Validate(request, baseModels.Names,
            baseModels.Contains(request.BaseModel) ? baseModels.ArchitectureOf(request.BaseModel) : null);
        if (errors.Count > 0)
        {
            return errors;
        }
        var weightElementBytes = device.Device.type == DeviceType.CUDA ? 2 : 4;
        return BaseModelChecks.Check(request, baseModels, device.MemoryBudgetBytes, weightElementBytes)
            .ToDictionary(e => e.Key, e => new[] { e.Value });
    }

    // A model that lies only in S3 is described (config, chat template, weight headers) so the checks below see it.
    // When S3 cannot be reached the request is checked without it, as when no worker answers; the job then fails on
    // the same checks once the model can be downloaded.
    private async Task<string?> DescriptionProblemAsync(string name, CancellationToken ct)
    {
        try
        {
            return await baseModels.DescribeAsync(name, ct) ? null : $"Base model '{name}' is configured, but the object store has no config.json for it.";
        }
        catch (Exception ex) when (ex is SafetensorsFormatException or NotSupportedException or JsonException)
        {
            return $"Base model '{name}' cannot be trained: {ex.Message}";
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or IOException)
        {
            LogNotDescribed(name, ex.GetType().Name);
            return null;
        }
    }

    private async Task EnsureValidAsync(TrainingRequest request, CancellationToken ct)
    {
        var errors = await ValidateAsync(request, ct);
        if (errors.Count > 0)
        {
            throw new InvalidTrainingRequestException(errors);
        }
    }

    public Task<TrainingResult> TrainAsync(
        TrainingRequest request, IReadOnlyList<TrainingFile> files, string outputDirectory, IProgress<TrainingProgress>? progress,
        TrainingCheckpoints? checkpoints, CancellationToken ct) =>
        RunAsync(request, ct, baseModel =>
        {
            var evalFiles = files.Where(f => request.EvalFiles.Contains(f.Name)).ToList();
            var documents = TrainingTextReader.Read(files.Except(evalFiles).ToList());
            var evalDocuments = evalFiles.Count > 0 ? TrainingTextReader.Read(evalFiles) : [];
            var (_, data, formatter, settings, _) = PreparedTraining.Prepare(
                request, documents, evalDocuments, baseModel.Directory, baseModel.Config, baseModel.Tokenizer);
            LogStarting(baseModel.Name, data.Train.Count, data.Eval.Count, data.TrainTokens, data.TrainTargetTokens, data.TruncatedExamples, device.Description);

            using var adapter = request.InitFrom is { } initFrom
                ? Continue(initFrom, baseModel, Settings(request, baseModel.Config.Architecture))
                : LoraAdapter.CreateUntrained(baseModel.Model, Settings(request, baseModel.Config.Architecture));
            var metrics = new LoraTrainingLoop(baseModel.Model, adapter, data, request, settings).Run(progress, checkpoints, ct);
            ct.ThrowIfCancellationRequested();
            var written = PeftAdapterFiles.Write(outputDirectory, adapter, baseModels.PeftBaseName(baseModel.Name), baseModel.Config.Architecture);
            var samples = SampleReplies.Generate(baseModel, adapter, formatter, data, ct);
            throughput.Record(baseModel.Name, metrics.TokensPerSecond);
            LogFinished(metrics.TotalSteps, metrics.FinalTrainLoss, metrics.FinalEvalLoss, metrics.TokensPerSecond);
            return new TrainingResult(metrics, written, samples);
        });

    /// <summary>
    /// The adapter in <paramref name="directory"/> with <paramref name="settings"/>' alpha and dropout, when it was
    /// trained on the same base model with the same rank and target modules; otherwise refused on init_from_version.
    /// </summary>
    private LoraAdapter Continue(string directory, BaseModel baseModel, LoraSettings settings)
    {
        var config = PeftAdapterFiles.ReadConfig(directory);
        var expectedBase = baseModels.PeftBaseName(baseModel.Name);
        var problems = new List<string>();
        if (config.BaseModelNameOrPath != expectedBase)
        {
            problems.Add($"base model '{config.BaseModelNameOrPath}', not '{expectedBase}'");
        }
        if (config.R != settings.Rank)
        {
            problems.Add($"lora_r {config.R}, not {settings.Rank}");
        }
        if (!config.TargetModules.Order(StringComparer.Ordinal).SequenceEqual(settings.TargetModules.Order(StringComparer.Ordinal)))
        {
            problems.Add($"target_modules [{string.Join(", ", config.TargetModules)}], not [{string.Join(", ", settings.TargetModules)}]");
        }
        if (problems.Count > 0)
        {
            throw new InvalidTrainingRequestException(new Dictionary<string, string[]>
            {
                ["init_from_version"] = [$"that version was trained with {string.Join(", ", problems)}; use the same or leave them out"],
            });
        }
        using var stored = PeftAdapterFiles.Read(directory, baseModel.Model);
        var adapter = LoraAdapter.CreateUntrained(baseModel.Model, settings);
        using var _ = torch.no_grad();
        foreach (var (module, weights) in adapter.Layers)
        {
            var from = stored.Layers.GetValueOrDefault(module)
                ?? throw new InvalidTrainingRequestException(new Dictionary<string, string[]> { ["init_from_version"] = [$"that version has no weights for '{module}'"] });
            weights.A.copy_(from.A);
            weights.B.copy_(from.B);
        }
        return adapter;
    }

    public Task<AdapterFiles> CreateUntrainedAsync(TrainingRequest request, string outputDirectory, CancellationToken ct) =>
        RunAsync(request, ct, baseModel =>
        {
            using var adapter = LoraAdapter.CreateUntrained(baseModel.Model, Settings(request, baseModel.Config.Architecture));
            return PeftAdapterFiles.Write(outputDirectory, adapter, baseModels.PeftBaseName(baseModel.Name), baseModel.Config.Architecture);
        });

    private async Task<T> RunAsync<T>(TrainingRequest request, CancellationToken ct, Func<BaseModel, T> work)
    {
        await EnsureValidAsync(request, ct);
        var directory = await baseModels.ResolveAsync(request.BaseModel, ct);
        await OneAtATime.WaitAsync(ct);
        try
        {
            // A dedicated thread: the work is long and CPU-bound, and TorchSharp's dispose scopes are per thread.
            return await Task.Factory.StartNew(() =>
            {
                var dtype = device.Device.type == DeviceType.CUDA ? torch.bfloat16 : torch.float32;
                using var baseModel = BaseModelLoader.Load(request.BaseModel, directory, device.Device, dtype);
                torch.manual_seed(request.Seed);
                return work(baseModel);
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private static LoraSettings Settings(TrainingRequest request, ModelArchitecture architecture)
    {
        var targets = request.TargetModules ?? LoraSettings.DefaultTargets(architecture);
        var errors = TrainingRequestValidator.Validate(request with { TargetModules = targets }, [request.BaseModel], architecture);
        if (errors.Count > 0)
        {
            throw new InvalidTrainingRequestException(errors);
        }
        return new LoraSettings(request.LoraR, request.LoraAlpha, request.LoraDropout, targets);
    }

    [LoggerMessage(LogLevel.Warning, "Base model {BaseModel} could not be described from the object store ({Error}); the request is checked without its config")]
    private partial void LogNotDescribed(string baseModel, string error);

    [LoggerMessage(LogLevel.Information, "Training a LoRA adapter on {BaseModel}: {TrainExamples} training examples ({TrainTokens} tokens, {TargetTokens} trained), {EvalExamples} held out, {Truncated} truncated, on {Device}")]
    private partial void LogStarting(string baseModel, int trainExamples, int evalExamples, long trainTokens, long targetTokens, int truncated, string device);

    [LoggerMessage(LogLevel.Information, "Trained {Steps} steps: loss {Loss:F4}, eval loss {EvalLoss}, {TokensPerSecond:F0} tokens/s")]
    private partial void LogFinished(int steps, double loss, double? evalLoss, double tokensPerSecond);
}
