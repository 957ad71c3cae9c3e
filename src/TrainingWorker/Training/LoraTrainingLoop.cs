using System.Diagnostics;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.LanguageModels.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// The optimisation itself: AdamW over the adapter's parameters only, warmup then decay, gradient accumulation and
/// clipping, the loss averaged per target token over each optimizer step's batches. Each epoch ends with an
/// evaluation on the held-out examples; with keep_best the best epoch's adapter is put back at the end. Each batch
/// and each optimizer step runs in its own dispose scope; without one, libtorch's native memory grew by gigabytes
/// within a few dozen steps.
/// </summary>
internal sealed class LoraTrainingLoop(ICausalLanguageModel model, LoraAdapter adapter, TrainingDataset data, TrainingRequest request, ResolvedHyperparameters settings)
{
    private readonly int padId = 0;

    public TrainingMetrics Run(IProgress<TrainingProgress>? progress, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var stepsPerEpoch = PreparedTraining.StepsPerEpochOf(data.Train.Count, settings.BatchSize, request.GradientAccumulationSteps);
        var totalSteps = Math.Min(stepsPerEpoch * settings.NumEpochs, request.MaxSteps ?? int.MaxValue);
        var warmupSteps = (int)Math.Ceiling(totalSteps * request.WarmupRatio);
        var parameters = adapter.Parameters.ToList();
        using var optimizer = optim.AdamW(parameters, settings.LearningRate, 0.9, 0.999, 1e-8, request.WeightDecay);

        var lossCurve = new List<LossPoint>();
        var evalLosses = new List<LossPoint>();
        var epochs = new List<EpochMetrics>();
        var initial = Evaluate();
        if (initial is not null)
        {
            evalLosses.Add(new LossPoint(0, initial.Loss));
        }
        double? evalLoss = initial?.Loss;
        AdapterSnapshot? best = null;
        EpochMetrics? bestEpoch = null;
        var stoppedEarly = false;

        var shuffle = new Random(request.Seed);
        var computeTime = new Stopwatch();
        long tokens = 0;
        var step = 0;
        try
        {
            for (var epoch = 0; epoch < settings.NumEpochs && step < totalSteps && !stoppedEarly; epoch++)
            {
                var batches = LengthBuckets.Batches(data.Train, settings.BatchSize, shuffle);
                var epochLoss = 0.0;
                var epochTargets = 0L;
                for (var first = 0; first < batches.Count && step < totalSteps; first += request.GradientAccumulationSteps)
                {
                    var group = batches.Skip(first).Take(request.GradientAccumulationSteps).ToList();
                    var targets = group.Sum(b => b.Sum(e => (long)e.TargetCount));
                    var learningRate = LearningRateScheduler.At(step, totalSteps, warmupSteps, settings.LearningRate, request.LrScheduler);
                    computeTime.Start();
                    var lossSum = 0.0;
                    foreach (var examples in group)
                    {
                        ct.ThrowIfCancellationRequested();
                        using var scope = NewDisposeScope();
                        var batch = LanguageModelLoss.ToBatch(examples, padId, model.Device);
                        lossSum += LanguageModelLoss.Compute(model, adapter, batch, training: true, gradientScale: 1.0 / targets).LossSum;
                        tokens += batch.Tokens;
                    }
                    var loss = lossSum / targets;
                    if (!double.IsFinite(loss))
                    {
                        throw new TrainingDivergedException(step + 1, loss);
                    }
                    OptimizerStep(optimizer, parameters, learningRate);
                    computeTime.Stop();
                    step++;
                    lossCurve.Add(new LossPoint(step, loss));
                    (epochLoss, epochTargets) = (epochLoss + lossSum, epochTargets + targets);

                    var endOfEpoch = first + request.GradientAccumulationSteps >= batches.Count;
                    if (endOfEpoch || step == totalSteps)
                    {
                        var eval = Evaluate();
                        evalLoss = eval?.Loss ?? evalLoss;
                        var metrics = new EpochMetrics(epoch + 1, step, epochLoss / epochTargets, eval?.Loss, eval?.Perplexity, eval?.Accuracy);
                        epochs.Add(metrics);
                        if (eval is not null)
                        {
                            evalLosses.Add(new LossPoint(step, eval.Loss));
                            if (bestEpoch is null || eval.Loss < bestEpoch.EvalLoss)
                            {
                                bestEpoch = metrics;
                                best?.Dispose();
                                best = request.KeepBest ? new AdapterSnapshot(adapter) : null;
                            }
                            stoppedEarly = request.EarlyStoppingPatience is { } patience && epoch + 1 - bestEpoch.Epoch >= patience
                                && epoch + 1 < settings.NumEpochs;
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
            if (best is not null && bestEpoch is not null && bestEpoch.Epoch != epochs[^1].Epoch)
            {
                best.RestoreInto(adapter);
            }
        }
        finally
        {
            best?.Dispose();
        }

        return new TrainingMetrics(
            lossCurve,
            evalLosses,
            lossCurve.Count > 0 ? lossCurve[^1].Loss : double.NaN,
            request.KeepBest && bestEpoch is not null ? bestEpoch.EvalLoss : evalLoss,
            tokens / Math.Max(computeTime.Elapsed.TotalSeconds, 1e-9),
            model.Device.type.ToString().ToLowerInvariant(),
            DTypeName(model.DType),
            wall.Elapsed.TotalSeconds,
            step,
            epochs.Count,
            data.TrainTokens,
            data.EvalTokens,
            adapter.ParameterCount)
        {
            TrainExamples = data.Train.Count,
            EvalExamples = data.Eval.Count,
            TrainTargetTokens = data.TrainTargetTokens,
            EvalTargetTokens = data.EvalTargetTokens,
            TruncatedExamples = data.TruncatedExamples,
            EpochMetrics = epochs,
            BestEpoch = request.KeepBest ? bestEpoch?.Epoch : null,
            StoppedEarly = stoppedEarly,
            AutoSettings = settings.Chosen,
        };
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

    private sealed record Evaluation(double Loss, double Perplexity, double Accuracy);

    /// <summary>Per-target-token loss and next-token accuracy over the held-out examples, or null when there are none.</summary>
    private Evaluation? Evaluate()
    {
        if (data.Eval.Count == 0)
        {
            return null;
        }
        using var _ = no_grad();
        double lossSum = 0;
        long correct = 0, count = 0;
        foreach (var examples in data.Eval.OrderBy(e => e.Tokens.Length).Chunk(settings.BatchSize))
        {
            using var scope = NewDisposeScope();
            var batch = LanguageModelLoss.ToBatch(examples, padId, model.Device);
            var score = LanguageModelLoss.Compute(model, adapter, batch, training: false, gradientScale: null, countCorrect: true);
            (lossSum, correct, count) = (lossSum + score.LossSum, correct + score.Correct, count + score.Count);
        }
        var loss = lossSum / count;
        return new Evaluation(loss, Math.Exp(loss), (double)correct / count);
    }

    public static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        _ => dtype.ToString().ToLowerInvariant(),
    };
}
