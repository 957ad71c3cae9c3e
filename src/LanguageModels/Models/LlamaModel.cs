using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// The Llama family forward pass (Llama, Mistral, Qwen2, Qwen3) as Hugging Face's <c>LlamaForCausalLM</c> computes
/// it: RMSNorm, rotary embeddings (rotate-half), grouped-query attention, SwiGLU MLP; Qwen3 also normalises each
/// head of q and k.
/// </summary>
public sealed class LlamaModel : ICausalLanguageModel, IIncrementalDecoding, IBatchedDecoding
{
    private sealed record Layer(
        Tensor InputNorm, LinearLayer Q, LinearLayer K, LinearLayer V, LinearLayer O, Tensor? QNorm, Tensor? KNorm,
        Tensor PostAttentionNorm, LinearLayer Gate, LinearLayer Up, LinearLayer Down);

    private readonly Tensor embedTokens;
    private readonly Tensor finalNorm;
    private readonly Tensor lmHead;
    private readonly Layer[] layers;
    private readonly RotaryEmbedding rotary;
    private readonly List<Tensor> owned = [];

    internal LlamaModel(ModelConfig config, ModelWeights weights, torch.Device device, ScalarType dtype)
    {
        Config = config;
        Device = device;
        DType = dtype;
        embedTokens = Own(weights.Required("model.embed_tokens.weight"));
        finalNorm = Own(weights.Required("model.norm.weight"));
        lmHead = LmHead(config, weights);
        layers = new Layer[config.NumLayers];
        for (var i = 0; i < config.NumLayers; i++)
        {
            var prefix = $"model.layers.{i}";
            layers[i] = new Layer(
                Own(weights.Required($"{prefix}.input_layernorm.weight")),
                Linear(weights, $"{prefix}.self_attn.q_proj", config.AttentionBias),
                Linear(weights, $"{prefix}.self_attn.k_proj", config.AttentionBias),
                Linear(weights, $"{prefix}.self_attn.v_proj", config.AttentionBias),
                Linear(weights, $"{prefix}.self_attn.o_proj", false),
                config.QueryKeyNorm ? Own(weights.Required($"{prefix}.self_attn.q_norm.weight")) : null,
                config.QueryKeyNorm ? Own(weights.Required($"{prefix}.self_attn.k_norm.weight")) : null,
                Own(weights.Required($"{prefix}.post_attention_layernorm.weight")),
                Linear(weights, $"{prefix}.mlp.gate_proj", false),
                Linear(weights, $"{prefix}.mlp.up_proj", false),
                Linear(weights, $"{prefix}.mlp.down_proj", false));
        }
        LinearLayers = layers.SelectMany(l => new[] { l.Q, l.K, l.V, l.O, l.Gate, l.Up, l.Down }).ToList();
        rotary = new RotaryEmbedding(config.HeadDim, config.MaxPositions, config.RopeTheta, config.RopeScaling, device);
    }

    public ModelConfig Config { get; }

    public torch.Device Device { get; }

    public ScalarType DType { get; }

    public IReadOnlyList<LinearLayer> LinearLayers { get; }

    public Tensor Forward(Tensor inputIds, ILoraTerm? adapter, bool training) => Logits(HiddenStates(inputIds, adapter, training));

    public Tensor Logits(Tensor hidden) => nn.functional.linear(hidden, lmHead).to(float32);

    public Tensor HiddenStates(Tensor inputIds, ILoraTerm? adapter, bool training) => Transform(inputIds, adapter, training, null);

    public Tensor ForwardNext(Tensor inputIds, KeyValueCache cache, ILoraTerm? adapter)
    {
        using var _ = no_grad();
        var h = Transform(inputIds, adapter, training: false, cache);
        return nn.functional.linear(h.select(1, -1), lmHead).to(float32);
    }

    public Tensor ForwardStep(Tensor inputIds, BatchKeyValueCache cache, ILoraTerm? adapter)
    {
        using var _ = no_grad();
        var rows = inputIds.shape[0];
        var (cos, sin) = rotary.At(cache.PositionTensor(Device), DType);
        var mask = cache.StepMask();
        var h = embedTokens.index_select(0, inputIds.flatten()).view(rows, 1, -1);
        for (var i = 0; i < layers.Length; i++)
        {
            h = Block(layers[i], h, adapter, training: false, (q, k, v) =>
            {
                q = RotaryEmbedding.Apply(q.transpose(1, 2), cos, sin);
                k = RotaryEmbedding.Apply(k.transpose(1, 2), cos, sin);
                (k, v) = cache.Append(i, k, v);
                (k, v) = RepeatKeyValueHeads(k, v);
                return nn.functional.scaled_dot_product_attention(q, k, v, mask);
            });
        }
        cache.Advance();
        return nn.functional.linear(RmsNorm(h, finalNorm).select(1, -1), lmHead).to(float32);
    }

    // The final normalised hidden states [batch, time, hidden]; with a cache, positions continue after its contents.
    private Tensor Transform(Tensor inputIds, ILoraTerm? adapter, bool training, KeyValueCache? cache)
    {
        var (batch, time) = (inputIds.shape[0], inputIds.shape[1]);
        var start = cache?.Length ?? 0;
        var (cos, sin) = rotary.For(start, time, DType);

        var h = embedTokens.index_select(0, inputIds.flatten()).view(batch, time, -1);
        for (var i = 0; i < layers.Length; i++)
        {
            h = Block(layers[i], h, adapter, training, (q, k, v) =>
            {
                q = RotaryEmbedding.Apply(q.transpose(1, 2), cos, sin);
                k = RotaryEmbedding.Apply(k.transpose(1, 2), cos, sin);
                if (cache is not null)
                {
                    (k, v) = cache.Append(i, k, v);
                }
                (k, v) = RepeatKeyValueHeads(k, v);
                return Attention.Causal(q, k, v, start);
            });
        }
        cache?.Advance(time);
        return RmsNorm(h, finalNorm);
    }

    // One decoder layer on h [batch, time, hidden]; attend gets q [batch, time, heads, dim] and k, v
    // [batch, time, kv heads, dim] (v already [batch, kv heads, time, dim]) and places, caches and attends them.
    private Tensor Block(Layer layer, Tensor h, ILoraTerm? adapter, bool training, Func<Tensor, Tensor, Tensor, Tensor> attend)
    {
        var (batch, time) = (h.shape[0], h.shape[1]);
        var (heads, kvHeads, headDim) = (Config.NumHeads, Config.NumKeyValueHeads, Config.HeadDim);
        var x = RmsNorm(h, layer.InputNorm);
        var q = layer.Q.Forward(x, adapter, training).view(batch, time, heads, headDim);
        var k = layer.K.Forward(x, adapter, training).view(batch, time, kvHeads, headDim);
        var v = layer.V.Forward(x, adapter, training).view(batch, time, kvHeads, headDim).transpose(1, 2);
        if (layer.QNorm is not null && layer.KNorm is not null)
        {
            q = RmsNorm(q, layer.QNorm);
            k = RmsNorm(k, layer.KNorm);
        }
        var attention = attend(q, k, v).transpose(1, 2).reshape(batch, time, heads * headDim);
        h = h + layer.O.Forward(attention, adapter, training);

        x = RmsNorm(h, layer.PostAttentionNorm);
        var mlp = nn.functional.silu(layer.Gate.Forward(x, adapter, training)) * layer.Up.Forward(x, adapter, training);
        return h + layer.Down.Forward(mlp, adapter, training);
    }

    private (Tensor Key, Tensor Value) RepeatKeyValueHeads(Tensor k, Tensor v)
    {
        var (heads, kvHeads) = (Config.NumHeads, Config.NumKeyValueHeads);
        return kvHeads == heads
            ? (k, v)
            : (k.repeat_interleave(heads / kvHeads, dim: 1), v.repeat_interleave(heads / kvHeads, dim: 1));
    }

    private Tensor LmHead(ModelConfig config, ModelWeights weights)
    {
        if (!config.TieWordEmbeddings)
        {
            return weights.Contains("lm_head.weight")
                ? Own(weights.Required("lm_head.weight"))
                : throw new NotSupportedException("config.json says tie_word_embeddings: false, but the checkpoint has no lm_head.weight.");
        }
        // transformers ties the output to the embedding and ignores a stored lm_head; one that differs means a mismatch.
        using var stored = weights.Optional("lm_head.weight");
        if (stored is not null && (!stored.shape.SequenceEqual(embedTokens.shape) || !stored.allclose(embedTokens, rtol: 0, atol: 0)))
        {
            throw new NotSupportedException("config.json says tie_word_embeddings: true, but the checkpoint's lm_head.weight differs from embed_tokens.");
        }
        return embedTokens;
    }

    private Tensor RmsNorm(Tensor x, Tensor weight)
    {
        var x32 = x.to(float32);
        var variance = x32.pow(2).mean([-1], keepdim: true);
        return weight * (x32 * (variance + Config.NormEpsilon).rsqrt()).to(x.dtype);
    }

    private LinearLayer Linear(ModelWeights weights, string name, bool bias) =>
        new(name, Own(weights.Required($"{name}.weight")), bias ? Own(weights.Required($"{name}.bias")) : null);

    private Tensor Own(Tensor t)
    {
        owned.Add(t);
        return t;
    }

    public void Dispose()
    {
        rotary.Dispose();
        foreach (var t in owned)
        {
            t.Dispose();
        }
        owned.Clear();
    }
}
