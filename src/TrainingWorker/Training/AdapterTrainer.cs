using AdapterPipeline.TrainingWorker.Adapters;
using AdapterPipeline.TrainingWorker.BaseModels;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Models;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.Training;

public sealed partial class AdapterTrainer(BaseModelRegistry baseModels, TrainingDevice device, ILogger<AdapterTrainer> logger) : IAdapterTrainer
{
    private const int SampleCount = 3;
    private const int SamplePromptTokens = 32;
    private const int SampleNewTokens = 32;

    // torch's random generator is process-wide, so seeded runs must not interleave, whichever trainer runs them.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public IReadOnlyDictionary<string, string[]> Validate(TrainingRequest request)
    {
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

    public Task<TrainingResult> TrainAsync(
        TrainingRequest request, IReadOnlyList<TrainingFile> files, string outputDirectory, IProgress<TrainingProgress>? progress, CancellationToken ct) =>
        RunAsync(request, ct, baseModel =>
        {
            var documents = TrainingTextReader.Read(files);
            var blockSize = Math.Min(request.MaxSeqLength, baseModel.Config.MaxPositions);
            var data = TrainingDataset.Build(documents, baseModel.Tokenizer, blockSize, request.EvalFraction, request.Seed);
            LogStarting(baseModel.Name, data.Train.Count, data.Eval.Count, data.TrainTokens, device.Description);

            using var adapter = LoraAdapter.CreateUntrained(baseModel.Model, Settings(request, baseModel.Config.Architecture));
            var metrics = new LoraTrainingLoop(baseModel.Model, adapter, data, request).Run(progress, ct);
            var written = PeftAdapterFiles.Write(outputDirectory, adapter, baseModels.PeftBaseName(baseModel.Name), baseModel.Config.Architecture);
            var samples = Samples(baseModel, adapter, data.Eval.Count > 0 ? data.Eval : data.Train);
            LogFinished(metrics.TotalSteps, metrics.FinalTrainLoss, metrics.FinalEvalLoss, metrics.TokensPerSecond);
            return new TrainingResult(metrics, written, samples);
        });

    public Task<AdapterFiles> CreateUntrainedAsync(TrainingRequest request, string outputDirectory, CancellationToken ct) =>
        RunAsync(request, ct, baseModel =>
        {
            using var adapter = LoraAdapter.CreateUntrained(baseModel.Model, Settings(request, baseModel.Config.Architecture));
            return PeftAdapterFiles.Write(outputDirectory, adapter, baseModels.PeftBaseName(baseModel.Name), baseModel.Config.Architecture);
        });

    private async Task<T> RunAsync<T>(TrainingRequest request, CancellationToken ct, Func<BaseModel, T> work)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            throw new InvalidTrainingRequestException(errors);
        }
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

    private static List<SampleCompletion> Samples(BaseModel baseModel, LoraAdapter adapter, IReadOnlyList<int[]> blocks)
    {
        var eos = baseModel.Tokenizer.EndOfSequenceId;
        return blocks.Take(SampleCount).Select(block =>
        {
            var prompt = block.Take(Math.Min(SamplePromptTokens, Math.Max(1, block.Length / 2))).ToList();
            var before = TokenDecoder.Continue(baseModel.Model, null, prompt, SampleNewTokens, eos);
            var after = TokenDecoder.Continue(baseModel.Model, adapter, prompt, SampleNewTokens, eos);
            var tokenizer = baseModel.Tokenizer;
            return new SampleCompletion(tokenizer.Decode(prompt), tokenizer.Decode(before), tokenizer.Decode(after));
        }).ToList();
    }

    [LoggerMessage(LogLevel.Information, "Training a LoRA adapter on {BaseModel}: {TrainBlocks} training blocks ({TrainTokens} tokens), {EvalBlocks} held out, on {Device}")]
    private partial void LogStarting(string baseModel, int trainBlocks, int evalBlocks, long trainTokens, string device);

    [LoggerMessage(LogLevel.Information, "Trained {Steps} steps: loss {Loss:F4}, eval loss {EvalLoss}, {TokensPerSecond:F0} tokens/s")]
    private partial void LogFinished(int steps, double loss, double? evalLoss, double tokensPerSecond);
}
