using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>
/// Hands checkpoint tensors to a model one at a time, moved to its device and dtype and frozen. Tensors read from
/// a file are released as soon as they are converted, so loading never holds the checkpoint twice.
/// </summary>
internal sealed class ModelWeights(ICheckpointTensors checkpoint, torch.Device device, ScalarType dtype, string fallbackPrefix = "")
{
    public Tensor Required(string name) =>
        Optional(name) ?? throw new NotSupportedException($"The checkpoint has no tensor '{name}'.");

    public Tensor? Optional(string name)
    {
        var stored = Resolve(name);
        if (stored is null)
        {
            return null;
        }
        var read = checkpoint.Read(stored);
        try
        {
            return read.to(dtype, device).contiguous().requires_grad_(false).DetachFromDisposeScope();
        }
        finally
        {
            if (checkpoint.ReadsAreCopies)
            {
                read.Dispose();
            }
        }
    }

    public bool Contains(string name) => Resolve(name) is not null;

    // GPT-2 checkpoints are also saved without the "transformer." prefix.
    private string? Resolve(string name) =>
        checkpoint.Contains(name) ? name
        : fallbackPrefix.Length > 0 && name.StartsWith(fallbackPrefix, StringComparison.Ordinal) && checkpoint.Contains(name[fallbackPrefix.Length..])
            ? name[fallbackPrefix.Length..]
            : null;
}
