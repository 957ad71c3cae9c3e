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
    ];
}
