using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Models;

/// <summary>Hands the loaded checkpoint tensors to a model, moved to its device and dtype and frozen.</summary>
internal sealed class ModelWeights(IReadOnlyDictionary<string, Tensor> tensors, torch.Device device, ScalarType dtype)
{
    public Tensor Required(string name) =>
        tensors.TryGetValue(name, out var tensor)
            ? Prepare(tensor)
            : throw new NotSupportedException($"The checkpoint has no tensor '{name}'.");

    public Tensor? Optional(string name) => tensors.TryGetValue(name, out var tensor) ? Prepare(tensor) : null;

    public bool Contains(string name) => tensors.ContainsKey(name);

    private Tensor Prepare(Tensor tensor) =>
        tensor.to(dtype, device).contiguous().requires_grad_(false).DetachFromDisposeScope();
}
