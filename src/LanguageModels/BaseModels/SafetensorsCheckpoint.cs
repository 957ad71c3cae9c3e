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

    public const string SingleFile = "model.safetensors";

    public const string IndexFile = "model.safetensors.index.json";

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
        var single = Path.Combine(directory, SingleFile);
        if (File.Exists(single))
        {
            return [single];
        }
        var index = Path.Combine(directory, IndexFile);
        if (File.Exists(index))
        {
            return ShardFiles(File.ReadAllText(index)).Select(f => Path.Combine(directory, f)).ToList();
        }
        throw new NotSupportedException($"The checkpoint has no {SingleFile} or {IndexFile} (PyTorch .bin checkpoints are not supported).");
    }

    /// <summary>The shard file names a model.safetensors.index.json maps tensors to; each a plain name in the model's folder.</summary>
    public static IReadOnlyList<string> ShardFiles(string indexJson)
    {
        var weightMap = JsonNode.Parse(indexJson)?["weight_map"]?.AsObject()
            ?? throw new NotSupportedException($"The checkpoint's {IndexFile} has no weight_map.");
        var shards = weightMap.Select(w => w.Value!.GetValue<string>()).Distinct().ToList();
        return shards.All(s => s.Length > 0 && Path.GetFileName(s) == s && s is not ("." or ".."))
            ? shards
            : throw new NotSupportedException($"The checkpoint's {IndexFile} names a shard outside the model's folder.");
    }
}
