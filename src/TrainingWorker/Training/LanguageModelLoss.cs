using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.LanguageModels.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// Next-token cross-entropy over a right-padded batch of examples, at target positions only. Causal attention
/// keeps every real position blind to the padding after it, positions start at 0 in every row, and the padding
/// has no targets, so no attention mask is needed. Logits are computed only where a target is, a chunk of rows at
/// a time, and during training each chunk is backpropagated into the hidden states before the next is computed,
/// so at most one chunk of vocabulary-wide logits exists at once.
/// </summary>
public static class LanguageModelLoss
{
    /// <summary>Elements of one chunk of logits (32 Mi floats, 128 MiB): ~220 rows at a 152k vocabulary.</summary>
    public const long ChunkElements = 1 << 25;

    /// <param name="InputIds">Token ids [batch, time], right-padded.</param>
    /// <param name="Positions">Flat indices into [batch × (time − 1)] of the positions that predict a target.</param>
    /// <param name="Targets">The token each of those positions predicts.</param>
    /// <param name="Tokens">Real (not padding) tokens in the batch.</param>
    public sealed record Batch(Tensor InputIds, Tensor Positions, Tensor Targets, long Tokens)
    {
        public long TargetCount => Targets.shape[0];
    }

    /// <summary>Summed loss over a batch's targets, and how many were predicted right (argmax) when asked.</summary>
    public sealed record Score(double LossSum, long Correct, long Count);

    public static Batch ToBatch(IReadOnlyList<TrainingExample> examples, int padId, torch.Device device)
    {
        var length = examples.Max(e => e.Tokens.Length);
        var input = new long[examples.Count * length];
        var positions = new List<long>();
        var targets = new List<long>();
        for (var row = 0; row < examples.Count; row++)
        {
            var example = examples[row];
            for (var t = 0; t < length; t++)
            {
                input[row * length + t] = t < example.Tokens.Length ? example.Tokens[t] : padId;
                if (t + 1 < example.Tokens.Length && example.Targets[t + 1])
                {
                    positions.Add(row * (length - 1L) + t);
                    targets.Add(example.Tokens[t + 1]);
                }
            }
        }
        return new Batch(
            tensor(input, [examples.Count, length]).to(device),
            tensor(positions.ToArray()).to(device),
            tensor(targets.ToArray()).to(device),
            examples.Sum(e => (long)e.Tokens.Length));
    }

    /// <summary>
    /// Scores the batch. With <paramref name="gradientScale"/> the gradient of <c>LossSum × gradientScale</c> is
    /// accumulated into the adapter (1 / the target tokens of the whole optimizer step gives the per-token mean).
    /// </summary>
    public static Score Compute(ICausalLanguageModel model, LoraAdapter? adapter, Batch batch, bool training, double? gradientScale, bool countCorrect = false)
    {
        var hidden = model.HiddenStates(batch.InputIds, adapter, training);
        var (time, width) = (hidden.shape[1], hidden.shape[2]);
        var selected = hidden.narrow(1, 0, time - 1).reshape(-1, width).index_select(0, batch.Positions);
        var rows = Math.Max(1, ChunkElements / model.Config.VocabSize);
        if (gradientScale is not { } scale)
        {
            return Chunks(model, selected, batch.Targets, rows, countCorrect, null);
        }
        // The chunks backpropagate into a detached copy; its gradient then flows through the model in one pass.
        using var leaf = selected.detach().requires_grad_(true);
        var score = Chunks(model, leaf, batch.Targets, rows, countCorrect, scale);
        selected.backward([leaf.grad!]);
        return score;
    }

    private static Score Chunks(ICausalLanguageModel model, Tensor hidden, Tensor targets, long rows, bool countCorrect, double? scale)
    {
        double lossSum = 0;
        long correct = 0;
        var count = hidden.shape[0];
        for (long start = 0; start < count; start += rows)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(rows, count - start);
            var logits = model.Logits(hidden.narrow(0, start, length));
            var chunkTargets = targets.narrow(0, start, length);
            var loss = nn.functional.cross_entropy(logits, chunkTargets, reduction: nn.Reduction.Sum);
            if (scale is { } s)
            {
                (loss * s).backward();
            }
            lossSum += loss.item<float>();
            if (countCorrect)
            {
                correct += logits.argmax(-1).eq(chunkTargets).sum().item<long>();
            }
        }
        return new Score(lossSum, correct, count);
    }
}
