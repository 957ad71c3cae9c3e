using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>The pair of low-rank matrices wrapping one linear layer: A is [r, in], B is [out, r].</summary>
public sealed record LoraWeights(Parameter A, Parameter B);

/// <summary>
/// LoRA weights for a model, keyed by the Hugging Face module name they wrap. The adapter adds
/// dropout(x)·Aᵀ·Bᵀ·(alpha/r) to each wrapped layer's output; A and B stay float32 whatever the base dtype.
/// </summary>
public sealed class LoraAdapter : ILoraTerm, IDisposable
{
    private readonly Dictionary<string, LoraWeights> layers;

    private LoraAdapter(LoraSettings settings, Dictionary<string, LoraWeights> layers)
    {
        Settings = settings;
        this.layers = layers;
    }

    public LoraSettings Settings { get; }

    public IReadOnlyDictionary<string, LoraWeights> Layers => layers;

    public IEnumerable<Parameter> Parameters => layers.Values.SelectMany(l => new[] { l.A, l.B });

    public long ParameterCount => Parameters.Sum(p => p.numel());

    /// <summary>A fresh adapter as PEFT makes one: A from kaiming_uniform(a=√5), B zero, so it changes nothing until trained.</summary>
    public static LoraAdapter CreateUntrained(ICausalLanguageModel model, LoraSettings settings)
    {
        var wrapped = model.LinearLayers.Where(l => settings.Targets(l.Name)).ToList();
        if (wrapped.Count == 0)
        {
            throw new ArgumentException($"No linear layer matches target modules [{string.Join(", ", settings.TargetModules)}].", nameof(settings));
        }
        var weights = new Dictionary<string, LoraWeights>(StringComparer.Ordinal);
        using (no_grad())
        {
            foreach (var layer in wrapped)
            {
                var a = empty([settings.Rank, layer.InFeatures], float32, model.Device);
                nn.init.kaiming_uniform_(a, Math.Sqrt(5));
                var b = zeros([layer.OutFeatures, settings.Rank], float32, model.Device);
                weights[layer.Name] = new LoraWeights(Detached(a), Detached(b));
            }
        }
        return new LoraAdapter(settings, weights);
    }

    /// <summary>An adapter from stored A and B tensors (already under module names), e.g. one read back from disk.</summary>
    public static LoraAdapter FromTensors(LoraSettings settings, IReadOnlyDictionary<string, (Tensor A, Tensor B)> tensors, torch.Device device)
    {
        var weights = tensors.ToDictionary(
            t => t.Key,
            t => new LoraWeights(Detached(t.Value.A.to(float32, device)), Detached(t.Value.B.to(float32, device))),
            StringComparer.Ordinal);
        return new LoraAdapter(settings, weights);
    }

    public Tensor Apply(string moduleName, Tensor x, Tensor y, bool training)
    {
        if (!layers.TryGetValue(moduleName, out var lora))
        {
            return y;
        }
        var input = Settings.Dropout > 0 ? nn.functional.dropout(x, Settings.Dropout, training) : x;
        var delta = nn.functional.linear(nn.functional.linear(input, lora.A.to(x.dtype)), lora.B.to(x.dtype));
        return y + delta * Settings.Scaling;
    }

    public void Dispose()
    {
        foreach (var layer in layers.Values)
        {
            layer.A.Dispose();
            layer.B.Dispose();
        }
        layers.Clear();
    }

    private static Parameter Detached(Tensor t) => (Parameter)new Parameter(t, requires_grad: true).DetachFromDisposeScope();
}
