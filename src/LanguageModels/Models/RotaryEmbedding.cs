using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// Rotary position embeddings in Hugging Face's rotate-half layout, cos/sin cached in float32 for every position.
/// Frequencies follow transformers' <c>rope_type</c>: default, linear (divided by the factor), llama3 (low
/// frequencies divided by the factor, a smooth blend between the two wavelength bounds) and dynamic, which equals
/// default up to <c>max_position_embeddings</c> — the longest sequence this trainer computes.
/// </summary>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor cos;
    private readonly Tensor sin;

    public RotaryEmbedding(int headDim, int maxPositions, double theta, RopeScaling? scaling, torch.Device device)
    {
        using var scope = NewDisposeScope();
        var exponents = arange(0, headDim, 2, int64).to(float32) / headDim;
        var inverseFrequencies = pow(theta, exponents).reciprocal();
        inverseFrequencies = scaling?.Type switch
        {
            "linear" => inverseFrequencies / scaling.Factor,
            "llama3" => Llama3(inverseFrequencies, scaling),
            _ => inverseFrequencies,
        };
        var positions = arange(0, maxPositions, 1, float32);
        var frequencies = outer(positions, inverseFrequencies);
        var angles = cat([frequencies, frequencies], -1);
        cos = angles.cos().to(device).MoveToOuterDisposeScope().DetachFromDisposeScope();
        sin = angles.sin().to(device).MoveToOuterDisposeScope().DetachFromDisposeScope();
    }

    // transformers' _compute_llama3_parameters, in the same float32 arithmetic.
    private static Tensor Llama3(Tensor inverseFrequencies, RopeScaling s)
    {
        var lowFrequencyWavelength = s.OriginalMaxPositions / s.LowFrequencyFactor;
        var highFrequencyWavelength = s.OriginalMaxPositions / s.HighFrequencyFactor;
        var wavelength = 2 * Math.PI / inverseFrequencies;
        var scaled = where(wavelength > lowFrequencyWavelength, inverseFrequencies / s.Factor, inverseFrequencies);
        var smooth = (s.OriginalMaxPositions / wavelength - s.LowFrequencyFactor) / (s.HighFrequencyFactor - s.LowFrequencyFactor);
        var smoothed = (1 - smooth) * scaled / s.Factor + smooth * scaled;
        var medium = (wavelength >= highFrequencyWavelength).logical_and(wavelength <= lowFrequencyWavelength);
        return where(medium, smoothed, scaled);
    }

    /// <summary>cos and sin for positions [start, start + time).</summary>
    public (Tensor Cos, Tensor Sin) For(long start, long time, ScalarType dtype) =>
        (cos.narrow(0, start, time).to(dtype), sin.narrow(0, start, time).to(dtype));

    /// <summary>cos and sin [rows, 1, 1, dim] for one position per row.</summary>
    public (Tensor Cos, Tensor Sin) At(Tensor positions, ScalarType dtype) =>
        (cos.index_select(0, positions).to(dtype).view(positions.shape[0], 1, 1, -1),
         sin.index_select(0, positions).to(dtype).view(positions.shape[0], 1, 1, -1));

    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        var half = x.shape[^1] / 2;
        var rotated = cat([-x.narrow(-1, half, half), x.narrow(-1, 0, half)], -1);
        return x * cos + rotated * sin;
    }

    public void Dispose()
    {
        cos.Dispose();
        sin.Dispose();
    }
}
