using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Models;

/// <summary>Rotary position embeddings in Hugging Face's rotate-half layout, cos/sin cached in float32 for every position.</summary>
internal sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor cos;
    private readonly Tensor sin;

    public RotaryEmbedding(int headDim, int maxPositions, double theta, torch.Device device)
    {
        using var scope = NewDisposeScope();
        var exponents = arange(0, headDim, 2, int64).to(float32) / headDim;
        var inverseFrequencies = pow(theta, exponents);
        inverseFrequencies = inverseFrequencies.reciprocal();
        var positions = arange(0, maxPositions, 1, float32);
        var frequencies = outer(positions, inverseFrequencies);
        var angles = cat([frequencies, frequencies], -1);
        cos = angles.cos().to(device).MoveToOuterDisposeScope().DetachFromDisposeScope();
        sin = angles.sin().to(device).MoveToOuterDisposeScope().DetachFromDisposeScope();
    }

    public (Tensor Cos, Tensor Sin) For(long time, ScalarType dtype) =>
        (cos.narrow(0, 0, time).to(dtype), sin.narrow(0, 0, time).to(dtype));

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
