using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Models;

/// <summary>
/// The Llama family forward pass (Llama, Mistral, Qwen2) as Hugging Face's <c>LlamaForCausalLM</c> computes it:
/// RMSNorm, rotary embeddings (rotate-half), grouped-query attention, SwiGLU MLP.
/// </summary>
public sealed class LlamaModel : ICausalLanguageModel
{
    private sealed record Layer(
        Tensor InputNorm, LinearLayer Q, LinearLayer K, LinearLayer V, LinearLayer O,
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
        lmHead = config.TieWordEmbeddings || !weights.Contains("lm_head.weight") ? embedTokens : Own(weights.Required("lm_head.weight"));
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
                Own(weights.Required($"{prefix}.post_attention_layernorm.weight")),
                Linear(weights, $"{prefix}.mlp.gate_proj", false),
                Linear(weights, $"{prefix}.mlp.up_proj", false),
                Linear(weights, $"{prefix}.mlp.down_proj", false));
        }
        LinearLayers = layers.SelectMany(l => new[] { l.Q, l.K, l.V, l.O, l.Gate, l.Up, l.Down }).ToList();
        rotary = new RotaryEmbedding(config.HeadDim, config.MaxPositions, config.RopeTheta, device);
    }

    public ModelConfig Config { get; }

    public torch.Device Device { get; }

    public ScalarType DType { get; }

    public IReadOnlyList<LinearLayer> LinearLayers { get; }

    public Tensor Forward(Tensor inputIds, LoraAdapter? adapter, bool training) => Logits(HiddenStates(inputIds, adapter, training));

    public Tensor Logits(Tensor hidden) => nn.functional.linear(hidden, lmHead).to(float32);

    public Tensor HiddenStates(Tensor inputIds, LoraAdapter? adapter, bool training)
    {
        var (batch, time) = (inputIds.shape[0], inputIds.shape[1]);
        var (heads, kvHeads, headDim) = (Config.NumHeads, Config.NumKeyValueHeads, Config.HeadDim);
        var (cos, sin) = rotary.For(time, DType);

        var h = embedTokens.index_select(0, inputIds.flatten()).view(batch, time, -1);
        foreach (var layer in layers)
        {
            var x = RmsNorm(h, layer.InputNorm);
            var q = layer.Q.Forward(x, adapter, training).view(batch, time, heads, headDim).transpose(1, 2);
            var k = layer.K.Forward(x, adapter, training).view(batch, time, kvHeads, headDim).transpose(1, 2);
            var v = layer.V.Forward(x, adapter, training).view(batch, time, kvHeads, headDim).transpose(1, 2);
            q = RotaryEmbedding.Apply(q, cos, sin);
            k = RotaryEmbedding.Apply(k, cos, sin);
            if (kvHeads != heads)
            {
                k = k.repeat_interleave(heads / kvHeads, dim: 1);
                v = v.repeat_interleave(heads / kvHeads, dim: 1);
            }
            var attention = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true)
                .transpose(1, 2).reshape(batch, time, heads * headDim);
            h = h + layer.O.Forward(attention, adapter, training);

            x = RmsNorm(h, layer.PostAttentionNorm);
            var mlp = nn.functional.silu(layer.Gate.Forward(x, adapter, training)) * layer.Up.Forward(x, adapter, training);
            h = h + layer.Down.Forward(mlp, adapter, training);
        }
        h = RmsNorm(h, finalNorm);
        return h;
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
