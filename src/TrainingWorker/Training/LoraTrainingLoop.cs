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
/// within a few dozen steps. With checkpoints, the run's state is saved when the policy says so and a run given a
/// checkpoint of the same plan continues after its step, reaching the adapter the uninterrupted run would have.
/// </summary>
internal sealed class LoraTrainingLoop(ICausalLanguageModel model, LoraAdapter adapter, TrainingDataset data, TrainingRequest request, ResolvedHyperparameters settings)
{
    private readonly int padId = 0;

    public TrainingMetrics Run(IProgress<TrainingProgress>? progress, TrainingCheckpoints? checkpoints, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var stepsPerEpoch = PreparedTraining.StepsPerEpochOf(data.Train.Count, settings.BatchSize, request.GradientAccumulationSteps);
        var totalSteps = Math.Min(stepsPerEpoch * settings.NumEpochs, request.MaxSteps ?? int.MaxValue);
        var warmupSteps = (int)Math.Ceiling(totalSteps * request.WarmupRatio);
        var parameters = adapter.Parameters.ToList();
        using var optimizer = optim.AdamW(parameters, settings.LearningRate, 0.9, 0.999, 1e-8, request.WeightDecay);

        var plan = $"{data.Train.Count}/{data.TrainTokens}/{data.TrainTargetTokens}/{data.Eval.Count}/{settings.BatchSize}/{settings.NumEpochs}/{settings.LearningRate:R}/{totalSteps}";
        var resumed = checkpoints?.ResumeFrom is { } from ? TrainingCheckpoint.Read(from, plan, adapter, optimizer) : null;
        var state = resumed?.State ?? new RunState { Plan = plan };
        var best = resumed?.Best;
        if (resumed is null)
        {
            var initial = Evaluate(ct);
            if (initial is not null)
            {
                state.EvalLosses.Add(new LossPoint(0, initial.Loss));
            }
            state.EvalLoss = initial?.Loss;
        }
        else
        {
            checkpoints!.Resumed(state.Step);
        }
        var (stepsBefore, computeBefore, wallBefore) = (state.Step, state.ComputeSeconds, state.WallSeconds);

        var shuffle = new Random(request.Seed);
        for (var epoch = 0; epoch < state.Epoch; epoch++)
        {
            // Replays the data order of the epochs already done, so the rest of the run sees what it would have seen.
            LengthBuckets.Batches(data.Train, settings.BatchSize, shuffle);
        }
        var computeTime = new Stopwatch();
        var sinceCheckpoint = Stopwatch.StartNew();
        try
        {
            for (; state.Epoch < settings.NumEpochs && state.Step < totalSteps && !state.StoppedEarly; state.Epoch++, state.NextBatch = 0)
            {
                var epoch = state.Epoch;
                var batches = LengthBuckets.Batches(data.Train, settings.BatchSize, shuffle);
                if (state.NextBatch == 0)
                {
                    (state.EpochLoss, state.EpochTargets) = (0, 0);
                }
                for (var first = state.NextBatch; first < batches.Count && state.Step < totalSteps; first += request.GradientAccumulationSteps)
                {
                    var group = batches.Skip(first).Take(request.GradientAccumulationSteps).ToList();
                    var targets = group.Sum(b => b.Sum(e => (long)e.TargetCount));
                    var learningRate = LearningRateScheduler.At(state.Step, totalSteps, warmupSteps, settings.LearningRate, request.LrScheduler);
                    computeTime.Start();
                    var lossSum = 0.0;
                    foreach (var examples in group)
                    {
                        ct.ThrowIfCancellationRequested();
                        using var scope = NewDisposeScope();
                        var batch = LanguageModelLoss.ToBatch(examples, padId, model.Device);
                        lossSum += LanguageModelLoss.Compute(model, adapter, batch, training: true, gradientScale: 1.0 / targets).LossSum;
                        state.Tokens += batch.Tokens;
                    }
                    var loss = lossSum / targets;
                    if (!double.IsFinite(loss))
                    {
                        throw new TrainingDivergedException(state.Step + 1, loss);
                    }
                    OptimizerStep(optimizer, parameters, learningRate);
                    computeTime.Stop();
                    state.Step++;
                    state.NextBatch = first + group.Count;
                    state.LossCurve.Add(new LossPoint(state.Step, loss));
                    (state.EpochLoss, state.EpochTargets) = (state.EpochLoss + lossSum, state.EpochTargets + targets);

                    var endOfEpoch = state.NextBatch >= batches.Count;
                    if (endOfEpoch || state.Step == totalSteps)
                    {
                        var eval = Evaluate(ct);
                        state.EvalLoss = eval?.Loss ?? state.EvalLoss;
                        var metrics = new EpochMetrics(epoch + 1, state.Step, state.EpochLoss / state.EpochTargets, eval?.Loss, eval?.Perplexity, eval?.Accuracy);
                        state.Epochs.Add(metrics);
                        if (eval is not null)
                        {
                            state.EvalLosses.Add(new LossPoint(state.Step, eval.Loss));
                            if (state.BestEpoch is null || eval.Loss < state.BestEpoch.EvalLoss)
                            {
                                state.BestEpoch = metrics;
                                best?.Dispose();
                                best = request.KeepBest ? new AdapterSnapshot(adapter) : null;
                            }
                            state.StoppedEarly = request.EarlyStoppingPatience is { } patience && epoch + 1 - state.BestEpoch.Epoch >= patience
                                && epoch + 1 < settings.NumEpochs;
                        }
                    }
                    var computeSeconds = computeBefore + computeTime.Elapsed.TotalSeconds;
                    if (state.Step % request.LoggingSteps == 0 || state.Step == totalSteps)
                    {
                        var epochDone = epoch + Math.Min(1.0, (double)state.NextBatch / batches.Count);
                        var perStep = wall.Elapsed / (state.Step - stepsBefore);
                        progress?.Report(new TrainingProgress(state.Step, totalSteps, epochDone, loss, state.EvalLoss, learningRate,
                            state.Tokens / computeSeconds, perStep * (totalSteps - state.Step)));
                    }
                    if (checkpoints is not null && checkpoints.Policy.IsDue(state.Step, totalSteps, endOfEpoch, sinceCheckpoint.Elapsed))
                    {
                        (state.ComputeSeconds, state.WallSeconds) = (computeSeconds, wallBefore + wall.Elapsed.TotalSeconds);
                        var path = Path.Combine(checkpoints.Directory, $"checkpoint-{state.Step}.bin");
                        TrainingCheckpoint.Write(path, state, adapter, best, optimizer);
                        checkpoints.Saved(new SavedCheckpoint(state.Step, path));
                        sinceCheckpoint.Restart();
                    }
                }
            }
            if (best is not null && state.BestEpoch is not null && state.BestEpoch.Epoch != state.Epochs[^1].Epoch)
            {
                best.RestoreInto(adapter);
            }
        }
        finally
        {
            best?.Dispose();
        }

        var bestEpoch = state.BestEpoch;
        return new TrainingMetrics(
            state.LossCurve,
            state.EvalLosses,
            state.LossCurve.Count > 0 ? state.LossCurve[^1].Loss : double.NaN,
            request.KeepBest && bestEpoch is not null ? bestEpoch.EvalLoss : state.EvalLoss,
            state.Tokens / Math.Max(computeBefore + computeTime.Elapsed.TotalSeconds, 1e-9),
            model.Device.type.ToString().ToLowerInvariant(),
            DTypeName(model.DType),
            wallBefore + wall.Elapsed.TotalSeconds,
            state.Step,
            state.Epochs.Count,
            data.TrainTokens,
            data.EvalTokens,
            adapter.ParameterCount)
        {
            TrainExamples = data.Train.Count,
            EvalExamples = data.Eval.Count,
            TrainTargetTokens = data.TrainTargetTokens,
            EvalTargetTokens = data.EvalTargetTokens,
            TruncatedExamples = data.TruncatedExamples,
            EpochMetrics = state.Epochs,
            BestEpoch = request.KeepBest ? bestEpoch?.Epoch : null,
            StoppedEarly = state.StoppedEarly,
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
    private Evaluation? Evaluate(CancellationToken ct)
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
            ct.ThrowIfCancellationRequested();
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
