using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// GPT-2's forward pass as Hugging Face's <c>GPT2LMHeadModel</c> computes it: learned positions, pre-LayerNorm
/// blocks, fused q/k/v projection (c_attn), tanh-approximated GELU, output tied to the token embedding.
/// </summary>
public sealed class Gpt2Model : ICausalLanguageModel, IIncrementalDecoding, IBatchedDecoding
{
    private sealed record Layer(
        Tensor Ln1Weight, Tensor Ln1Bias, LinearLayer Attention, LinearLayer AttentionProjection,
        Tensor Ln2Weight, Tensor Ln2Bias, LinearLayer Fc, LinearLayer MlpProjection);

    private readonly Tensor tokenEmbedding;
    private readonly Tensor positionEmbedding;
    private readonly Tensor finalNormWeight;
    private readonly Tensor finalNormBias;
    private readonly Layer[] layers;
    private readonly List<Tensor> owned = [];

    internal Gpt2Model(ModelConfig config, ModelWeights weights, torch.Device device, ScalarType dtype)
    {
        Config = config;
        Device = device;
        DType = dtype;
        tokenEmbedding = Own(weights.Required("transformer.wte.weight"));
        positionEmbedding = Own(weights.Required("transformer.wpe.weight"));
        finalNormWeight = Own(weights.Required("transformer.ln_f.weight"));
        finalNormBias = Own(weights.Required("transformer.ln_f.bias"));
        layers = new Layer[config.NumLayers];
        for (var i = 0; i < config.NumLayers; i++)
        {
            var prefix = $"transformer.h.{i}";
            layers[i] = new Layer(
                Own(weights.Required($"{prefix}.ln_1.weight")),
                Own(weights.Required($"{prefix}.ln_1.bias")),
                Conv1D(weights, $"{prefix}.attn.c_attn"),
                Conv1D(weights, $"{prefix}.attn.c_proj"),
                Own(weights.Required($"{prefix}.ln_2.weight")),
                Own(weights.Required($"{prefix}.ln_2.bias")),
                Conv1D(weights, $"{prefix}.mlp.c_fc"),
                Conv1D(weights, $"{prefix}.mlp.c_proj"));
        }
        LinearLayers = layers.SelectMany(l => new[] { l.Attention, l.AttentionProjection, l.Fc, l.MlpProjection }).ToList();
    }

    public ModelConfig Config { get; }

    public torch.Device Device { get; }

    public ScalarType DType { get; }

    public IReadOnlyList<LinearLayer> LinearLayers { get; }

    public Tensor Forward(Tensor inputIds, ILoraTerm? adapter, bool training) => Logits(HiddenStates(inputIds, adapter, training));

    public Tensor Logits(Tensor hidden) => nn.functional.linear(hidden, tokenEmbedding).to(float32);

    public Tensor HiddenStates(Tensor inputIds, ILoraTerm? adapter, bool training) => Transform(inputIds, adapter, training, null);

    public Tensor ForwardNext(Tensor inputIds, KeyValueCache cache, ILoraTerm? adapter)
    {
        using var _ = no_grad();
        var h = Transform(inputIds, adapter, training: false, cache);
        return nn.functional.linear(h.select(1, -1), tokenEmbedding).to(float32);
    }

    public Tensor ForwardStep(Tensor inputIds, BatchKeyValueCache cache, ILoraTerm? adapter)
    {
        using var _ = no_grad();
        var rows = inputIds.shape[0];
        var mask = cache.StepMask();
        var h = tokenEmbedding.index_select(0, inputIds.flatten()).view(rows, 1, -1)
            + positionEmbedding.index_select(0, cache.PositionTensor(Device)).view(rows, 1, -1);
        for (var i = 0; i < layers.Length; i++)
        {
            h = Block(layers[i], h, adapter, training: false, (q, k, v) =>
            {
                (k, v) = cache.Append(i, k, v);
                return nn.functional.scaled_dot_product_attention(q, k, v, mask);
            });
        }
        cache.Advance();
        return nn.functional.linear(LayerNorm(h, finalNormWeight, finalNormBias).select(1, -1), tokenEmbedding).to(float32);
    }

    // The final normalised hidden states [batch, time, hidden]; with a cache, positions continue after its contents.
    private Tensor Transform(Tensor inputIds, ILoraTerm? adapter, bool training, KeyValueCache? cache)
    {
        var (batch, time) = (inputIds.shape[0], inputIds.shape[1]);
        var start = cache?.Length ?? 0;

        var h = tokenEmbedding.index_select(0, inputIds.flatten()).view(batch, time, -1) + positionEmbedding.narrow(0, start, time);
        for (var i = 0; i < layers.Length; i++)
        {
            h = Block(layers[i], h, adapter, training, (q, k, v) =>
            {
                if (cache is not null)
                {
                    (k, v) = cache.Append(i, k, v);
                }
                return Attention.Causal(q, k, v, start);
            });
        }
        cache?.Advance(time);
        return LayerNorm(h, finalNormWeight, finalNormBias);
    }

    // One block on h [batch, time, hidden]; attend gets q, k, v [batch, heads, time, dim] and caches and attends them.
    private Tensor Block(Layer layer, Tensor h, ILoraTerm? adapter, bool training, Func<Tensor, Tensor, Tensor, Tensor> attend)
    {
        var (batch, time) = (h.shape[0], h.shape[1]);
        var (heads, headDim, hidden) = (Config.NumHeads, Config.HeadDim, (long)Config.HiddenSize);
        var x = LayerNorm(h, layer.Ln1Weight, layer.Ln1Bias);
        var qkv = layer.Attention.Forward(x, adapter, training).split(hidden, -1);
        var q = qkv[0].view(batch, time, heads, headDim).transpose(1, 2);
        var k = qkv[1].view(batch, time, heads, headDim).transpose(1, 2);
        var v = qkv[2].view(batch, time, heads, headDim).transpose(1, 2);
        var attention = attend(q, k, v).transpose(1, 2).reshape(batch, time, hidden);
        h = h + layer.AttentionProjection.Forward(attention, adapter, training);

        x = LayerNorm(h, layer.Ln2Weight, layer.Ln2Bias);
        var mlp = nn.functional.gelu(layer.Fc.Forward(x, adapter, training), TorchSharp.Modules.GELU.Approximate.tanh);
        return h + layer.MlpProjection.Forward(mlp, adapter, training);
    }

    private Tensor LayerNorm(Tensor x, Tensor weight, Tensor bias) =>
        nn.functional.layer_norm(x, [Config.HiddenSize], weight, bias, Config.NormEpsilon);

    // Conv1D keeps its weight as [in, out]; transposing once here lets every layer share the [out, in] code path.
    private LinearLayer Conv1D(ModelWeights weights, string name)
    {
        var weight = weights.Required($"{name}.weight");
        var transposed = Own(weight.t().contiguous().DetachFromDisposeScope());
        weight.Dispose();
        return new LinearLayer(name, transposed, Own(weights.Required($"{name}.bias")));
    }

    private Tensor Own(Tensor t)
    {
        owned.Add(t);
        return t;
    }

    public void Dispose()
    {
        foreach (var t in owned)
        {
            t.Dispose();
        }
        owned.Clear();
    }
}
