using AdapterPipeline.TrainingWorker.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>Next-token cross-entropy over a batch of blocks, right-padded; padding is ignored.</summary>
public static class LanguageModelLoss
{
    public const long IgnoreIndex = -100;

    public sealed record Batch(Tensor InputIds, Tensor Labels, long Tokens);

    public static Batch ToBatch(IReadOnlyList<int[]> blocks, int padId, torch.Device device)
    {
        var length = blocks.Max(b => b.Length);
        var input = new long[blocks.Count * length];
        var labels = new long[blocks.Count * length];
        for (var row = 0; row < blocks.Count; row++)
        {
            for (var t = 0; t < length; t++)
            {
                var real = t < blocks[row].Length;
                input[row * length + t] = real ? blocks[row][t] : padId;
                labels[row * length + t] = real ? blocks[row][t] : IgnoreIndex;
            }
        }
        long[] shape = [blocks.Count, length];
        return new Batch(tensor(input, shape).to(device), tensor(labels, shape).to(device), blocks.Sum(b => (long)b.Length));
    }

    /// <summary>Mean loss over the predicted tokens: logits at t are scored against the token at t + 1.</summary>
    public static Tensor Compute(ICausalLanguageModel model, LoraAdapter? adapter, Batch batch, bool training)
    {
        var logits = model.Forward(batch.InputIds, adapter, training);
        var time = logits.shape[1];
        var predictions = logits.narrow(1, 0, time - 1).reshape(-1, logits.shape[2]);
        var targets = batch.Labels.narrow(1, 1, time - 1).reshape(-1);
        return nn.functional.cross_entropy(predictions, targets, ignore_index: IgnoreIndex);
    }
}
