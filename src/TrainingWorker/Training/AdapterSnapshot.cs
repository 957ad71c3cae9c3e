using AdapterPipeline.LanguageModels.Models;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>A copy of an adapter's weights, to put back the best epoch's adapter after later epochs got worse.</summary>
internal sealed class AdapterSnapshot : IDisposable
{
    private readonly List<Tensor> copies;

    public AdapterSnapshot(LoraAdapter adapter)
    {
        using var _ = no_grad();
        copies = adapter.Parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToList();
    }

    private AdapterSnapshot(List<Tensor> copies) => this.copies = copies;

    /// <summary>The copies, in the order of the adapter's parameters.</summary>
    public IReadOnlyList<Tensor> Copies => copies;

    /// <summary>Reads a snapshot of <paramref name="adapter"/>'s shape written as <see cref="Copies"/>, one tensor after another.</summary>
    public static AdapterSnapshot Load(BinaryReader reader, LoraAdapter adapter)
    {
        return new AdapterSnapshot(adapter.Parameters.Select(_ => Tensor.Load(reader).DetachFromDisposeScope()).ToList());
    }

    public void RestoreInto(LoraAdapter adapter)
    {
        using var _ = no_grad();
        foreach (var (parameter, copy) in adapter.Parameters.Zip(copies))
        {
            parameter.copy_(copy);
        }
    }

    public void Dispose()
    {
        foreach (var copy in copies)
        {
            copy.Dispose();
        }
    }
}
