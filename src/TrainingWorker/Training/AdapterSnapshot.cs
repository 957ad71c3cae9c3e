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
