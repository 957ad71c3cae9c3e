using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// The LoRA term of a batch whose rows each have their own adapter (or none), as Punica and LoRAX compute it: per
/// module, every row's A and B are gathered into [batch, r, in] and [batch, out, r] (zero-padded to the largest rank,
/// zero for a row without that module) and applied with two batched matmuls, scaled per row. For inference only.
/// </summary>
public sealed class BatchedLora : ILoraTerm, IDisposable
{
    private sealed record Stacked(Tensor A, Tensor B);

    private readonly IReadOnlyList<LoraAdapter?> rows;
    private readonly Dictionary<string, Stacked?> stacked = new(StringComparer.Ordinal);
    private readonly Tensor scaling;

    public BatchedLora(IReadOnlyList<LoraAdapter?> rows, torch.Device device)
    {
        this.rows = rows;
        var scales = rows.Select(r => (float)(r?.Settings.Scaling ?? 0)).ToArray();
        scaling = tensor(scales, [rows.Count, 1, 1]).to(device).DetachFromDisposeScope();
    }

    public Tensor Apply(string moduleName, Tensor x, Tensor y, bool training)
    {
        if (StackFor(moduleName) is not { } lora)
        {
            return y;
        }
        // x is [batch, time, in]: (x·Aᵀ)·Bᵀ per row.
        var delta = matmul(matmul(x, lora.A.to(x.dtype).transpose(1, 2)), lora.B.to(x.dtype).transpose(1, 2));
        return y + delta * scaling.to(x.dtype);
    }

    private Stacked? StackFor(string moduleName)
    {
        if (stacked.TryGetValue(moduleName, out var known))
        {
            return known;
        }
        var weights = rows.Select(r => r is not null && r.Layers.TryGetValue(moduleName, out var w) ? w : null).ToList();
        if (weights.All(w => w is null))
        {
            return stacked[moduleName] = null;
        }
        var some = weights.First(w => w is not null)!;
        var rank = weights.Max(w => w?.A.shape[0] ?? 0);
        var (inFeatures, outFeatures) = (some.A.shape[1], some.B.shape[0]);
        using var scope = NewDisposeScope();
        var a = zeros([weights.Count, rank, inFeatures], float32, some.A.device);
        var b = zeros([weights.Count, outFeatures, rank], float32, some.A.device);
        using (no_grad())
        {
            for (var i = 0; i < weights.Count; i++)
            {
                if (weights[i] is { } w)
                {
                    var r = w.A.shape[0];
                    a[i].narrow(0, 0, r).copy_(w.A);
                    b[i].narrow(1, 0, r).copy_(w.B);
                }
            }
        }
        return stacked[moduleName] = new Stacked(a.DetachFromDisposeScope(), b.DetachFromDisposeScope());
    }

    public void Dispose()
    {
        foreach (var s in stacked.Values.OfType<Stacked>())
        {
            s.A.Dispose();
            s.B.Dispose();
        }
        stacked.Clear();
        scaling.Dispose();
    }
}
