using AdapterPipeline.TrainingWorker.BaseModels;
using AdapterPipeline.TrainingWorker.Models;

namespace AdapterPipeline.TrainingWorker.Tests.Models;

/// <summary>
/// The models whose logits tools/reference/reference_forward.py recorded: the two built-ins and a Qwen2-style
/// variant (tied embeddings, q/k/v bias, one key/value head). Written under the test output folder on every run,
/// which is where the reference script reads them from.
/// </summary>
internal static class ReferenceModels
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "reference-models");

    private static readonly Lazy<bool> Written = new(() =>
    {
        TinyBaseModels.Write(TinyBaseModels.TinyLlama, Path.Combine(Directory, TinyBaseModels.TinyLlama));
        TinyBaseModels.Write(TinyBaseModels.TinyGpt2, Path.Combine(Directory, TinyBaseModels.TinyGpt2));
        TinyBaseModels.Write(TinyQwen2Config, Path.Combine(Directory, "tiny-qwen2"), TinyBaseModels.Seed + 1);
        return true;
    });

    public static ModelConfig TinyQwen2Config => TinyBaseModels.Config(TinyBaseModels.TinyLlama) with
    {
        ModelType = "qwen2", TieWordEmbeddings = true, AttentionBias = true, NumKeyValueHeads = 1,
    };

    public static string PathOf(string name)
    {
        _ = Written.Value;
        return Path.Combine(Directory, name);
    }
}
