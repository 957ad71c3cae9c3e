using System.Text.Json;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Safetensors;

namespace AdapterPipeline.TrainingWorker.Tests.BaseModels;

/// <summary>Writes tensors as Hugging Face shards them: two safetensors files and the index that maps each tensor to its file.</summary>
internal static class ShardedCheckpoint
{
    public static void Write(string directory, IReadOnlyDictionary<string, SafetensorsTensor> tensors)
    {
        var weightMap = new Dictionary<string, string>();
        foreach (var (shard, part) in tensors.OrderBy(t => t.Key).Chunk(tensors.Count / 2 + 1).Select((p, i) => ($"model-0000{i + 1}-of-00002.safetensors", p)))
        {
            SafetensorsWriter.Write(Path.Combine(directory, shard), part.ToDictionary(t => t.Key, t => t.Value));
            foreach (var (name, _) in part)
            {
                weightMap[name] = shard;
            }
        }
        File.WriteAllText(Path.Combine(directory, SafetensorsCheckpoint.IndexFile),
            JsonSerializer.Serialize(new { metadata = new { total_size = 0 }, weight_map = weightMap }));
    }
}
