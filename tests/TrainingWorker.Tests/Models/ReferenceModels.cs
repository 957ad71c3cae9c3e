using System.Text.Json.Nodes;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.TrainingWorker.Tests.Models;

/// <summary>
/// The models whose logits tools/reference/reference_forward.py recorded: the two built-ins, a Qwen2-style variant
/// (tied embeddings, q/k/v bias, one key/value head), and three in the shapes of real checkpoints (real vocabulary,
/// hidden size, heads and key/value heads, one or two layers, bfloat16 weights with std 0.02). Written under the test
/// output folder on every run, which is where the reference script reads them from.
/// </summary>
internal static class ReferenceModels
{
    public const string Qwen25Shape = "qwen2.5-0.5b-shape";
    public const string Llama32Shape = "llama-3.2-1b-shape";
    public const string Qwen3Shape = "qwen3-0.6b-shape";

    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "reference-models");

    private static readonly Dictionary<string, Lazy<string>> Models = new(new[]
    {
        Written(TinyBaseModels.TinyLlama, d => TinyBaseModels.Write(TinyBaseModels.TinyLlama, d)),
        Written(TinyBaseModels.TinyGpt2, d => TinyBaseModels.Write(TinyBaseModels.TinyGpt2, d)),
        Written("tiny-qwen2", d => TinyBaseModels.Write(TinyQwen2Config, d, TinyBaseModels.Seed + 1)),
        Written(Qwen25Shape, d => TinyBaseModels.Write(Qwen25ShapeConfig, d, TinyBaseModels.Seed + 2, 0.02, bfloat16: true)),
        Written(Llama32Shape, d =>
        {
            TinyBaseModels.Write(Llama32ShapeConfig, d, TinyBaseModels.Seed + 3, 0.02, bfloat16: true);
            RewriteAsTransformers5(Path.Combine(d, "config.json"));
        }),
        Written(Qwen3Shape, d => TinyBaseModels.Write(Qwen3ShapeConfig, d, TinyBaseModels.Seed + 4, 0.02, bfloat16: true)),
    });

    public static ModelConfig TinyQwen2Config => TinyBaseModels.Config(TinyBaseModels.TinyLlama) with
    {
        ModelType = "qwen2", TieWordEmbeddings = true, AttentionBias = true, NumKeyValueHeads = 1,
    };

    /// <summary>Qwen2.5-0.5B: vocabulary 151,936, hidden 896, 14 heads over 2 key/value heads, q/k/v bias, tied; 2 of 24 layers.</summary>
    public static ModelConfig Qwen25ShapeConfig => new()
    {
        Architecture = ModelArchitecture.Llama, ModelType = "qwen2", VocabSize = 151936, HiddenSize = 896, IntermediateSize = 4864,
        NumLayers = 2, NumHeads = 14, NumKeyValueHeads = 2, HeadDim = 64, MaxPositions = 32768, NormEpsilon = 1e-6,
        RopeTheta = 1000000, TieWordEmbeddings = true, AttentionBias = true, EosTokenId = 151643,
    };

    /// <summary>
    /// Llama-3.2-1B: vocabulary 128,256, hidden 2048, 32 heads over 8, tied, llama3 rope scaling (factor 32, θ 500,000);
    /// 1 of 16 layers. original_max_position_embeddings is 64 rather than 8,192 so that the scaling changes the
    /// angles visibly within the 16 recorded positions.
    /// </summary>
    public static ModelConfig Llama32ShapeConfig => new()
    {
        Architecture = ModelArchitecture.Llama, ModelType = "llama", VocabSize = 128256, HiddenSize = 2048, IntermediateSize = 8192,
        NumLayers = 1, NumHeads = 32, NumKeyValueHeads = 8, HeadDim = 64, MaxPositions = 131072, NormEpsilon = 1e-5,
        RopeTheta = 500000, RopeScaling = new RopeScaling("llama3", 32, 1, 4, 64), TieWordEmbeddings = true, EosTokenId = 128001,
    };

    /// <summary>Qwen3-0.6B: vocabulary 151,936, hidden 1024, 16 heads of 128 over 8, q/k RMSNorm, tied; 2 of 28 layers.</summary>
    public static ModelConfig Qwen3ShapeConfig => new()
    {
        Architecture = ModelArchitecture.Llama, ModelType = "qwen3", VocabSize = 151936, HiddenSize = 1024, IntermediateSize = 3072,
        NumLayers = 2, NumHeads = 16, NumKeyValueHeads = 8, HeadDim = 128, MaxPositions = 40960, NormEpsilon = 1e-6,
        RopeTheta = 1000000, TieWordEmbeddings = true, QueryKeyNorm = true, EosTokenId = 151645,
    };

    public static string PathOf(string name) => Models[name].Value;

    private static KeyValuePair<string, Lazy<string>> Written(string name, Action<string> write) => new(name, new Lazy<string>(() =>
    {
        var directory = Path.Combine(Directory, name);
        write(directory);
        return directory;
    }));

    // transformers 5 moves rope_theta and rope_scaling into rope_parameters.
    private static void RewriteAsTransformers5(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var parameters = root["rope_scaling"]!.DeepClone().AsObject();
        parameters["rope_theta"] = root["rope_theta"]!.DeepClone();
        root.Remove("rope_scaling");
        root.Remove("rope_theta");
        root["rope_parameters"] = parameters;
        File.WriteAllText(path, root.ToJsonString());
    }
}
