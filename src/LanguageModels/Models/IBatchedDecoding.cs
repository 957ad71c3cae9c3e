using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>A model that decodes one token for each row of a batch whose rows sit at different positions.</summary>
public interface IBatchedDecoding
{
    /// <summary>
    /// Float32 logits [rows, vocab] for one new token per row (<paramref name="inputIds"/> [rows, 1]), each at its
    /// row's next position in <paramref name="cache"/>, which they are appended to; no gradients are kept.
    /// </summary>
    Tensor ForwardStep(Tensor inputIds, BatchKeyValueCache cache, ILoraTerm? adapter);
}
