using System.Text.Json.Nodes;
using AdapterPipeline.TrainingWorker.Models;
using AdapterPipeline.TrainingWorker.Safetensors;
using AdapterPipeline.TrainingWorker.Tokenization;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.BaseModels;

/// <summary>Loads a Hugging Face model directory: config.json, model.safetensors (or its sharded index), tokenizer files.</summary>
public static class BaseModelLoader
{
    public static BaseModel Load(string name, string directory, torch.Device device, torch.ScalarType dtype)
    {
        var config = ModelConfigJson.Read(Path.Combine(directory, "config.json"));
        var tokenizer = TokenizerLoader.Load(directory, config.EosTokenId);
        var tensors = ReadWeights(directory);
        try
        {
            return new BaseModel(name, directory, CausalLanguageModels.Create(config, tensors, device, dtype), tokenizer);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    public static Dictionary<string, torch.Tensor> ReadWeights(string directory)
    {
        var files = WeightFiles(directory);
        var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (name, tensor) in SafetensorsReader.Read(file).Tensors)
            {
                tensors[name] = tensor.ToTorch().DetachFromDisposeScope();
            }
        }
        return tensors;
    }

    private static IEnumerable<string> WeightFiles(string directory)
    {
        var single = Path.Combine(directory, "model.safetensors");
        if (File.Exists(single))
        {
            return [single];
        }
        var index = Path.Combine(directory, "model.safetensors.index.json");
        if (File.Exists(index))
        {
            var weightMap = JsonNode.Parse(File.ReadAllText(index))?["weight_map"]?.AsObject()
                ?? throw new NotSupportedException($"{index} has no weight_map.");
            return weightMap.Select(w => w.Value!.GetValue<string>()).Distinct().Select(f => Path.Combine(directory, f)).ToList();
        }
        throw new NotSupportedException($"{directory} has no model.safetensors or model.safetensors.index.json (PyTorch .bin checkpoints are not supported).");
    }
}
