using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>What a wrapped linear layer adds to its output: one adapter's LoRA term, or each batch row's own.</summary>
public interface ILoraTerm
{
    /// <summary><paramref name="y"/> = x·Wᵀ (+ bias) of the module, with the LoRA term added.</summary>
    Tensor Apply(string moduleName, Tensor x, Tensor y, bool training);
}
