using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

/// <summary>A model that decodes token by token, keeping each layer's keys and values in a <see cref="KeyValueCache"/>.</summary>
public interface IIncrementalDecoding
{
    /// <summary>
    /// Float32 logits [batch, vocab] of the last of <paramref name="inputIds"/> [batch, time], whose positions follow
    /// those already in <paramref name="cache"/>; their keys and values are appended to it. No gradients are kept.
    /// </summary>
    Tensor ForwardNext(Tensor inputIds, KeyValueCache cache, ILoraTerm? adapter);
}
