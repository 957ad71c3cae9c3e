using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.TrainingWorker.Compute;

/// <summary>
/// A pure, deliberately generous estimate of a training job's peak memory: frozen weights in their dtype; LoRA
/// A/B in float32 with their gradients and two AdamW moments; the activations backward keeps for every layer of
/// one micro-batch (plus one layer's transient gradients); and one chunk of float32 logits with its softmax and gradient.
/// </summary>
public static class MemoryEstimator
{
    /// <summary>Positions whose logits the loss computes at once (the cross-entropy is chunked over target positions).</summary>
    public const long LogitsChunkTokens = 1024;

    /// <summary>libtorch, the .NET runtime, tokenizer and data: measured at ~200 MiB for the tiny models, rounded up.</summary>
    public const long RuntimeBytes = 512L << 20;

    public static MemoryEstimate Estimate(ModelConfig config, LoraSettings lora, int batchSize, int sequenceLength, int weightElementBytes)
    {
        var linears = LinearShapes(config);
        var adapterParameters = linears.Where(l => lora.Targets(l.Name)).Sum(l => (long)lora.Rank * (l.In + l.Out)) * config.NumLayers;
        var tokens = (long)batchSize * sequenceLength;
        var (hidden, intermediate) = ((long)config.HiddenSize, (long)config.IntermediateSize);
        var (queries, keys) = ((long)config.NumHeads * config.HeadDim, (long)config.NumKeyValueHeads * config.HeadDim);
        var targetedPerLayer = linears.Count(l => lora.Targets(l.Name));
        // Saved per token and layer: norms (with their float32 copies), q/k/v before and after rotation and repetition,
        // attention scores and probabilities over the sequence, the MLP's four intermediate products, dropout inputs.
        var perTokenLayer = 10 * hidden + 6 * queries + 3 * keys + 4 * intermediate + 2L * config.NumHeads * sequenceLength
            + targetedPerLayer * (hidden + lora.Rank);
        var activations = tokens * perTokenLayer * (config.NumLayers + 1) * weightElementBytes;
        var logits = Math.Min(tokens, LogitsChunkTokens) * config.VocabSize * sizeof(float) * 3;
        return new MemoryEstimate(
            ParameterCount(config) * weightElementBytes,
            adapterParameters * sizeof(float) * 4,
            activations,
            logits,
            RuntimeBytes);
    }

    /// <summary>Parameters of the frozen model, as Hugging Face counts them (a tied output layer once).</summary>
    public static long ParameterCount(ModelConfig c)
    {
        var (hidden, vocab) = ((long)c.HiddenSize, (long)c.VocabSize);
        var linears = LinearShapes(c).Sum(l => l.In * l.Out + (l.Bias ? l.Out : 0));
        if (c.Architecture == ModelArchitecture.Gpt2)
        {
            var perLayer = linears + 4 * hidden;
            return vocab * hidden + (long)c.MaxPositions * hidden + c.NumLayers * perLayer + 2 * hidden;
        }
        var norms = 2 * hidden + (c.QueryKeyNorm ? 2L * c.HeadDim : 0);
        var output = c.TieWordEmbeddings ? 0 : vocab * hidden;
        return vocab * hidden + c.NumLayers * (linears + norms) + hidden + output;
    }

    private sealed record Linear(string Name, long In, long Out, bool Bias);

    // One layer's linear modules under names LoraSettings.Targets understands.
    private static List<Linear> LinearShapes(ModelConfig c)
    {
        var (h, i) = ((long)c.HiddenSize, (long)c.IntermediateSize);
        if (c.Architecture == ModelArchitecture.Gpt2)
        {
            return
            [
                new("h.0.attn.c_attn", h, 3 * h, true), new("h.0.attn.c_proj", h, h, true),
                new("h.0.mlp.c_fc", h, i, true), new("h.0.mlp.c_proj", i, h, true),
            ];
        }
        var (q, kv) = ((long)c.NumHeads * c.HeadDim, (long)c.NumKeyValueHeads * c.HeadDim);
        return
        [
            new("self_attn.q_proj", h, q, c.AttentionBias), new("self_attn.k_proj", h, kv, c.AttentionBias),
            new("self_attn.v_proj", h, kv, c.AttentionBias), new("self_attn.o_proj", q, h, false),
            new("mlp.gate_proj", h, i, false), new("mlp.up_proj", h, i, false), new("mlp.down_proj", i, h, false),
        ];
    }
}
