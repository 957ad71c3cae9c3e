using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.TrainingWorker.Tests.Models;
using AdapterPipeline.TrainingWorker.Training;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public sealed class When_the_loss_is_computed : IDisposable
{
    private readonly BaseModel baseModel = BaseModelLoader.Load(TinyBaseModels.TinyLlama, ReferenceModels.PathOf(TinyBaseModels.TinyLlama), CPU, float32);
    private readonly LoraAdapter adapter;

    public When_the_loss_is_computed()
    {
        manual_seed(5);
        adapter = LoraAdapter.CreateUntrained(baseModel.Model, new LoraSettings(4, 8, 0, ["q_proj", "v_proj"]));
        using var _ = no_grad();
        foreach (var weights in adapter.Layers.Values)
        {
            // Non-zero B, so the adapter changes the logits and has a gradient everywhere.
            weights.B.copy_(randn_like(weights.B) * 0.1);
        }
    }

    private static TrainingExample Example(int length, int seed, Func<int, bool> target)
    {
        var random = new Random(seed);
        return new TrainingExample(
            Enumerable.Range(0, length).Select(_ => random.Next(0, 256)).ToArray(),
            Enumerable.Range(0, length).Select(target).ToArray(), seed);
    }

    private static readonly TrainingExample[] Examples =
    [
        Example(20, 1, t => t >= 12),
        Example(9, 2, t => t % 2 == 0),
        Example(31, 3, t => t is > 4 and < 15 || t > 25),
        Example(5, 4, _ => true),
    ];

    [Fact]
    public void Should_equal_the_full_logits_loss_when_computed_in_chunks()
    {
        using var scope = NewDisposeScope();
        var batch = LanguageModelLoss.ToBatch(Examples, 0, CPU);

        var chunked = LanguageModelLoss.Compute(baseModel.Model, adapter, batch, training: false, gradientScale: 1.0 / batch.TargetCount);
        var chunkedGradients = Gradients();

        var logits = baseModel.Model.Forward(batch.InputIds, adapter, training: false);
        var time = logits.shape[1];
        var labels = full(Examples.Length, time, -100L);
        for (var row = 0; row < Examples.Length; row++)
        {
            for (var t = 1; t < Examples[row].Tokens.Length; t++)
            {
                if (Examples[row].Targets[t])
                {
                    labels[row, t] = Examples[row].Tokens[t];
                }
            }
        }
        var reference = nn.functional.cross_entropy(
            logits.narrow(1, 0, time - 1).reshape(-1, logits.shape[2]), labels.narrow(1, 1, time - 1).reshape(-1), ignore_index: -100);
        reference.backward();

        Assert.Equal(Examples.Sum(e => e.TargetCount), batch.TargetCount);
        Assert.Equal(reference.item<float>(), chunked.LossSum / chunked.Count, 1e-5);
        AssertClose(Gradients(), chunkedGradients);
    }

    [Fact]
    public void Should_average_per_target_token_across_accumulated_batches()
    {
        using var scope = NewDisposeScope();
        var whole = LanguageModelLoss.ToBatch(Examples, 0, CPU);
        var wholeLoss = LanguageModelLoss.Compute(baseModel.Model, adapter, whole, training: false, gradientScale: 1.0 / whole.TargetCount);
        var wholeGradients = Gradients();

        // Unequal micro-batches: a mean of their means would weight the 4 targets of the last like the 30 of the first.
        TrainingExample[][] parts = [[Examples[0], Examples[2]], [Examples[1]], [Examples[3]]];
        var total = parts.Sum(p => p.Sum(e => (long)e.TargetCount));
        var lossSum = parts.Sum(p => LanguageModelLoss.Compute(baseModel.Model, adapter, LanguageModelLoss.ToBatch(p, 0, CPU), false, 1.0 / total).LossSum);

        Assert.Equal(wholeLoss.LossSum / whole.TargetCount, lossSum / total, 1e-5);
        AssertClose(wholeGradients, Gradients());
    }

    /// <summary>The adapter's gradients, which are then cleared for the next pass.</summary>
    private List<Tensor> Gradients()
    {
        var gradients = adapter.Parameters.Select(p => p.grad!.clone()).ToList();
        foreach (var p in adapter.Parameters)
        {
            p.grad!.zero_();
        }
        return gradients;
    }

    private static void AssertClose(List<Tensor> expected, List<Tensor> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.True(allclose(e, a, rtol: 1e-4, atol: 1e-6), $"max difference {(e - a).abs().max().item<float>()}");
        }
    }

    public void Dispose()
    {
        adapter.Dispose();
        baseModel.Dispose();
    }
}
