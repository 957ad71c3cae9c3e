using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

internal static class Attention
{
    /// <summary>
    /// Causal scaled dot-product attention of queries for positions [start, start + time) over keys for positions
    /// [0, start + time): q is [batch, heads, time, dim], k and v [batch, heads, start + time, dim].
    /// </summary>
    public static Tensor Causal(Tensor q, Tensor k, Tensor v, long start)
    {
        if (start == 0)
        {
            return nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        }
        var time = q.shape[2];
        // Each new query sees every cached position and the new ones up to itself (true = may attend).
        var mask = time == 1 ? null : ones([time, start + time], ScalarType.Bool, q.device).tril(start);
        return nn.functional.scaled_dot_product_attention(q, k, v, mask);
    }
}
