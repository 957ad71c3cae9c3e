using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>A frozen base model whose linear layers a <see cref="LoraAdapter"/> (or a batch's <see cref="BatchedLora"/>) can wrap.</summary>
public interface ICausalLanguageModel : IDisposable
{
    ModelConfig Config { get; }

    torch.Device Device { get; }

    /// <summary>The element type the frozen weights are held and computed in.</summary>
    ScalarType DType { get; }

    /// <summary>Every linear layer, under its Hugging Face module name, in model order.</summary>
    IReadOnlyList<LinearLayer> LinearLayers { get; }

    /// <summary>Float32 logits [batch, time, vocab] for token ids [batch, time]; the adapter, when given, is applied.</summary>
    Tensor Forward(Tensor inputIds, ILoraTerm? adapter, bool training);

    /// <summary>The final-normed hidden states [batch, time, hidden] that <see cref="Logits"/> turns into logits.</summary>
    Tensor HiddenStates(Tensor inputIds, ILoraTerm? adapter, bool training);

    /// <summary>Float32 logits [..., vocab] for hidden states [..., hidden], so a trainer can score only the positions it needs.</summary>
    Tensor Logits(Tensor hidden);
}
