using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

internal static class Attention
{
    /// <summary>
    /// Whether a forward pass from position 0 (training, prompts) computes softmax(QKᵀ/√d)V written out, as scripts on
    /// torch 1.x do, instead of libtorch's fused kernel. Only the training benchmark sets it, so that both of its
    /// sides can run the same formulation; the services never do.
    /// </summary>
    public static bool Explicit { get; set; }

    /// <summary>
    /// Causal scaled dot-product attention of queries for positions [start, start + time) over keys for positions
    /// [0, start + time): q is [batch, heads, time, dim], k and v [batch, heads, start + time, dim].
    /// </summary>
    public static Tensor Causal(Tensor q, Tensor k, Tensor v, long start)
    {
        if (start == 0)
        {
            return Explicit ? ExplicitCausal(q, k, v) : nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        }
        var time = q.shape[2];
        // Each new query sees every cached position and the new ones up to itself (true = may attend).
        var mask = time == 1 ? null : ones([time, start + time], ScalarType.Bool, q.device).tril(start);
        return nn.functional.scaled_dot_product_attention(q, k, v, mask);
    }

    /// <summary>Causal attention from position 0 written out: scores, a -inf mask above the diagonal, softmax, values.</summary>
    public static Tensor ExplicitCausal(Tensor q, Tensor k, Tensor v)
    {
        var time = q.shape[2];
        using var blocked = ones([time, time], ScalarType.Bool, q.device).triu(1);
        using var scores = q.matmul(k.transpose(-1, -2)).div_(Math.Sqrt(q.shape[3])).masked_fill_(blocked, double.NegativeInfinity);
        using var weights = scores.softmax(-1);
        return weights.matmul(v);
    }
}
