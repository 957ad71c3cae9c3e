using TorchSharp;
using static TorchSharp.torch;

namespace AdapterPipeline.LanguageModels.Models;

public static class CausalLanguageModels
{
    /// <summary>
    /// Builds the model for <paramref name="config"/> from checkpoint tensors under their Hugging Face names.
    /// GPT-2 checkpoints saved without the <c>transformer.</c> prefix are accepted.
    /// </summary>
    public static ICausalLanguageModel Create(ModelConfig config, ICheckpointTensors checkpoint, torch.Device device, ScalarType dtype) =>
        config.Architecture switch
        {
            ModelArchitecture.Llama => new LlamaModel(config, new ModelWeights(checkpoint, device, dtype), device, dtype),
            ModelArchitecture.Gpt2 => new Gpt2Model(config, new ModelWeights(checkpoint, device, dtype, "transformer."), device, dtype),
            _ => throw new NotSupportedException($"Architecture {config.Architecture} is not supported."),
        };

    public static ICausalLanguageModel Create(ModelConfig config, IReadOnlyDictionary<string, Tensor> tensors, torch.Device device, ScalarType dtype) =>
        Create(config, new InMemoryCheckpoint(tensors), device, dtype);
}
