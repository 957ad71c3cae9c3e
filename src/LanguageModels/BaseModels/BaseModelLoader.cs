using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Tokenization;
using TorchSharp;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>Loads a Hugging Face model directory: config.json, model.safetensors (or its sharded index), tokenizer files.</summary>
public static class BaseModelLoader
{
    public static BaseModel Load(string name, string directory, torch.Device device, torch.ScalarType dtype)
    {
        var config = ModelConfigJson.Read(Path.Combine(directory, "config.json"));
        var tokenizer = TokenizerLoader.Load(directory, config.EosTokenId);
        using var checkpoint = SafetensorsCheckpoint.Open(directory);
        return new BaseModel(name, directory, CausalLanguageModels.Create(config, checkpoint, device, dtype), tokenizer);
    }

    /// <summary>Every checkpoint tensor of a directory as a CPU tensor in its stored dtype (the caller disposes them).</summary>
    public static Dictionary<string, torch.Tensor> ReadWeights(string directory)
    {
        using var checkpoint = SafetensorsCheckpoint.Open(directory);
        return checkpoint.Names.ToDictionary(n => n, n => checkpoint.Read(n).DetachFromDisposeScope(), StringComparer.Ordinal);
    }
}
