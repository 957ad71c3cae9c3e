using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Models;

public static class CausalLanguageModels
{
    /// <summary>
    /// Builds the model for <paramref name="config"/> from checkpoint tensors under their Hugging Face names.
    /// GPT-2 checkpoints saved without the <c>transformer.</c> prefix are accepted.
    /// </summary>
    public static ICausalLanguageModel Create(ModelConfig config, IReadOnlyDictionary<string, Tensor> tensors, torch.Device device, ScalarType dtype)
    {
        switch (config.Architecture)
        {
            case ModelArchitecture.Llama:
                return new LlamaModel(config, new ModelWeights(tensors, device, dtype), device, dtype);
            case ModelArchitecture.Gpt2:
                var named = tensors.Keys.Any(k => k.StartsWith("transformer.", StringComparison.Ordinal))
                    ? tensors
                    : tensors.ToDictionary(t => "transformer." + t.Key, t => t.Value);
                return new Gpt2Model(config, new ModelWeights(named, device, dtype), device, dtype);
            default:
                throw new NotSupportedException($"Architecture {config.Architecture} is not supported.");
        }
    }
}
