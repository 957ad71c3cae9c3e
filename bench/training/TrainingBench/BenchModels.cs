using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.TrainingBench;

/// <summary>The configurations measured; bench_torch.py builds the same shapes.</summary>
internal static class BenchModels
{
    public static readonly IReadOnlyList<(string Name, ModelConfig Config)> All =
    [
        (TinyBaseModels.TinyLlama, TinyBaseModels.Config(TinyBaseModels.TinyLlama)),
        (TinyBaseModels.TinyGpt2, TinyBaseModels.Config(TinyBaseModels.TinyGpt2)),
        ("llama-16m", new ModelConfig
        {
            Architecture = ModelArchitecture.Llama, ModelType = "llama", VocabSize = 8192, HiddenSize = 384, IntermediateSize = 1024,
            NumLayers = 6, NumHeads = 6, NumKeyValueHeads = 2, HeadDim = 64, MaxPositions = 1024, NormEpsilon = 1e-6, RopeTheta = 10000,
            EosTokenId = 0,
        }),
        // Qwen2.5-0.5B's shapes (random weights): q/k/v bias, tied embeddings, rope theta 1e6.
        ("qwen2.5-0.5b-shape", new ModelConfig
        {
            Architecture = ModelArchitecture.Llama, ModelType = "qwen2", VocabSize = 151936, HiddenSize = 896, IntermediateSize = 4864,
            NumLayers = 24, NumHeads = 14, NumKeyValueHeads = 2, HeadDim = 64, MaxPositions = 32768, NormEpsilon = 1e-6,
            RopeTheta = 1000000, AttentionBias = true, TieWordEmbeddings = true, EosTokenId = 0,
        }),
    ];

    public static ModelConfig Named(string name) => All.First(m => m.Name == name).Config;
}
