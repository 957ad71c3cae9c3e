using System.Text.Json;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Safetensors;
using TorchSharp;

namespace AdapterPipeline.LanguageModels.Adapters;

/// <summary>
/// Writes and reads an adapter as PEFT does: adapter_config.json and adapter_model.safetensors, under the names they
/// are staged and zipped with.
/// </summary>
public static class PeftAdapterFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static AdapterFiles Write(string directory, LoraAdapter adapter, string baseModelName, ModelArchitecture architecture)
    {
        Directory.CreateDirectory(directory);
        var settings = adapter.Settings;
        var config = PeftAdapterConfig.ForLora(baseModelName, settings.Rank, settings.Alpha, settings.Dropout, settings.TargetModules,
            fanInFanOut: architecture == ModelArchitecture.Gpt2);
        var configPath = Path.Combine(directory, StagedAdapterFiles.Config);
        File.WriteAllText(configPath, JsonSerializer.Serialize(config, Indented));

        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (var (module, lora) in adapter.Layers)
        {
            tensors[PeftTensorNames.A(module)] = SafetensorsTensor.FromTorch(lora.A);
            tensors[PeftTensorNames.B(module)] = SafetensorsTensor.FromTorch(lora.B);
        }
        var weightsPath = Path.Combine(directory, StagedAdapterFiles.Weights);
        SafetensorsWriter.Write(weightsPath, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        return new AdapterFiles(configPath, weightsPath);
    }

    public static PeftAdapterConfig ReadConfig(string directory) =>
        JsonSerializer.Deserialize<PeftAdapterConfig>(File.ReadAllText(Path.Combine(directory, StagedAdapterFiles.Config)))
        ?? throw new InvalidDataException($"{StagedAdapterFiles.Config} is empty.");

    /// <summary>Reads an adapter back for <paramref name="model"/>; every tensor must name one of the model's linear layers.</summary>
    public static LoraAdapter Read(string directory, ICausalLanguageModel model)
    {
        var config = ReadConfig(directory);
        var document = SafetensorsReader.Read(Path.Combine(directory, StagedAdapterFiles.Weights));
        var pairs = new Dictionary<string, (torch.Tensor? A, torch.Tensor? B)>(StringComparer.Ordinal);
        foreach (var (name, tensor) in document.Tensors)
        {
            var (module, isA) = PeftTensorNames.Parse(name) ?? throw new InvalidDataException($"'{name}' is not a LoRA tensor name.");
            if (model.LinearLayers.All(l => l.Name != module))
            {
                throw new InvalidDataException($"The adapter wraps '{module}', which the base model does not have.");
            }
            var pair = pairs.GetValueOrDefault(module);
            pairs[module] = isA ? (tensor.ToTorch(), pair.B) : (pair.A, tensor.ToTorch());
        }
        var complete = pairs.ToDictionary(
            p => p.Key,
            p => (p.Value.A ?? throw new InvalidDataException($"'{p.Key}' has no lora_A."), p.Value.B ?? throw new InvalidDataException($"'{p.Key}' has no lora_B.")));
        var settings = new LoraSettings(config.R, config.LoraAlpha, config.LoraDropout, config.TargetModules);
        return LoraAdapter.FromTensors(settings, complete, model.Device);
    }
}
