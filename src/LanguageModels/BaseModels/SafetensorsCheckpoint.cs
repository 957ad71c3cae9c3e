using System.Text.Json.Nodes;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Safetensors;
using TorchSharp;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>
/// The weights of a Hugging Face model directory: model.safetensors or the shards its index names, read tensor by
/// tensor so loading holds one checkpoint tensor at a time beside the model.
/// </summary>
public sealed class SafetensorsCheckpoint : ICheckpointTensors, IDisposable
{
    private readonly List<SafetensorsFile> files;
    private readonly Dictionary<string, SafetensorsFile> byName = new(StringComparer.Ordinal);

    private SafetensorsCheckpoint(List<SafetensorsFile> files)
    {
        this.files = files;
        foreach (var file in files)
        {
            foreach (var name in file.Entries.Keys)
            {
                byName[name] = file;
            }
        }
    }

    public IReadOnlyCollection<string> Names => byName.Keys;

    public bool ReadsAreCopies => true;

    public static SafetensorsCheckpoint Open(string directory)
    {
        var files = new List<SafetensorsFile>();
        try
        {
            foreach (var path in WeightFiles(directory))
            {
                files.Add(SafetensorsFile.Open(path));
            }
            return new SafetensorsCheckpoint(files);
        }
        catch
        {
            files.ForEach(f => f.Dispose());
            throw;
        }
    }

    /// <summary>Every tensor name in the directory's weight files, from their headers alone.</summary>
    public static IReadOnlySet<string> TensorNames(string directory) =>
        WeightFiles(directory).SelectMany(f => SafetensorsFile.ReadEntries(f).Keys).ToHashSet(StringComparer.Ordinal);

    public bool Contains(string name) => byName.ContainsKey(name);

    public torch.Tensor Read(string name) => byName[name].Read(name);

    public void Dispose() => files.ForEach(f => f.Dispose());

    private static List<string> WeightFiles(string directory)
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
