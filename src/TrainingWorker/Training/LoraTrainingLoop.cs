using System.Diagnostics;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// The optimisation itself: AdamW over the adapter's parameters only, warmup then decay, gradient accumulation and
/// clipping. Each batch and each optimizer step runs in its own dispose scope; without one, libtorch's native
/// memory grew by gigabytes within a few dozen steps.
/// </summary>
internal sealed class LoraTrainingLoop(ICausalLanguageModel model, LoraAdapter adapter, TrainingDataset data, TrainingRequest request)
{
    private readonly int padId = 0;

    public TrainingMetrics Run(IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var batchesPerEpoch = (data.Train.Count + request.BatchSize - 1) / request.BatchSize;
        var stepsPerEpoch = (batchesPerEpoch + request.GradientAccumulationSteps - 1) / request.GradientAccumulationSteps;
        var totalSteps = Math.Min(stepsPerEpoch * request.NumEpochs, request.MaxSteps ?? int.MaxValue);
        var warmupSteps = (int)Math.Ceiling(totalSteps * request.WarmupRatio);
        var parameters = adapter.Parameters.ToList();
        using var optimizer = optim.AdamW(parameters, request.LearningRate, 0.9, 0.999, 1e-8, request.WeightDecay);

        var lossCurve = new List<LossPoint>();
        var evalLosses = new List<LossPoint>();
        double? evalLoss = Evaluate();
        if (evalLoss is { } initial)
        {
            evalLosses.Add(new LossPoint(0, initial));
        }

        var shuffle = new Random(request.Seed);
        var computeTime = new Stopwatch();
        long tokens = 0;
        var step = 0;
        var epochsRun = 0;
        for (var epoch = 0; epoch < request.NumEpochs && step < totalSteps; epoch++)
        {
            epochsRun++;
            var order = data.Train.ToArray();
            shuffle.Shuffle(order);
            var batches = order.Chunk(request.BatchSize).ToList();
            for (var first = 0; first < batches.Count && step < totalSteps; first += request.GradientAccumulationSteps)
            {
                var group = batches.Skip(first).Take(request.GradientAccumulationSteps).ToList();
                var learningRate = LearningRateScheduler.At(step, totalSteps, warmupSteps, request.LearningRate, request.LrScheduler);
                computeTime.Start();
                var loss = 0.0;
                foreach (var blocks in group)
                {
                    ct.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = LanguageModelLoss.ToBatch(blocks, padId, model.Device);
                    var batchLoss = LanguageModelLoss.Compute(model, adapter, batch, training: true);
                    (batchLoss / group.Count).backward();
                    loss += batchLoss.item<float>() / group.Count;
                    tokens += batch.Tokens;
                }
                OptimizerStep(optimizer, parameters, learningRate);
                computeTime.Stop();
                step++;
                lossCurve.Add(new LossPoint(step, loss));

                var endOfEpoch = first + request.GradientAccumulationSteps >= batches.Count;
                if (endOfEpoch || step == totalSteps)
                {
                    evalLoss = Evaluate() ?? evalLoss;
                    if (evalLoss is { } measured && data.Eval.Count > 0)
                    {
                        evalLosses.Add(new LossPoint(step, measured));
                    }
                }
                if (step % request.LoggingSteps == 0 || step == totalSteps)
                {
                    var epochDone = epoch + Math.Min(1.0, (double)(first + group.Count) / batches.Count);
                    var perStep = wall.Elapsed / step;
                    progress?.Report(new TrainingProgress(step, totalSteps, epochDone, loss, evalLoss, learningRate,
                        tokens / computeTime.Elapsed.TotalSeconds, perStep * (totalSteps - step)));
                }
            }
        }

        return new TrainingMetrics(
            lossCurve,
            evalLosses,
            lossCurve.Count > 0 ? lossCurve[^1].Loss : double.NaN,
            evalLoss,
            tokens / Math.Max(computeTime.Elapsed.TotalSeconds, 1e-9),
            model.Device.type.ToString().ToLowerInvariant(),
            DTypeName(model.DType),
            wall.Elapsed.TotalSeconds,
            step,
            epochsRun,
            data.TrainTokens,
            data.EvalTokens,
            adapter.ParameterCount);
    }

    private void OptimizerStep(optim.Optimizer optimizer, List<TorchSharp.Modules.Parameter> parameters, double learningRate)
    {
        using var scope = NewDisposeScope();
        if (request.MaxGradNorm > 0)
        {
            nn.utils.clip_grad_norm_(parameters, request.MaxGradNorm);
        }
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
        optimizer.step();
        optimizer.zero_grad();
    }

    /// <summary>Token-weighted mean loss over the held-out blocks, or null when there are none.</summary>
    private double? Evaluate()
    {
        if (data.Eval.Count == 0)
        {
            return null;
        }
        using var _ = no_grad();
        double total = 0;
        long predicted = 0;
        foreach (var blocks in data.Eval.Chunk(request.BatchSize))
        {
            using var scope = NewDisposeScope();
            var batch = LanguageModelLoss.ToBatch(blocks, padId, model.Device);
            var count = blocks.Sum(b => b.Length - 1);
            total += LanguageModelLoss.Compute(model, adapter, batch, training: false).item<float>() * count;
            predicted += count;
        }
        return total / predicted;
    }

    public static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        _ => dtype.ToString().ToLowerInvariant(),
    };
}
