using AdapterPipeline.TrainingWorker.Models;
using AdapterPipeline.TrainingWorker.Safetensors;

namespace AdapterPipeline.TrainingWorker.BaseModels;

/// <summary>
/// The built-in base models: a few hundred kilobytes each, random weights from a fixed seed, the byte-level
/// tokenizer from <see cref="TinyTokenizerFiles"/>. They train on a CPU in seconds and are written in Hugging Face
/// layout, so everything downstream treats them like any downloaded model.
/// </summary>
public static class TinyBaseModels
{
    public const string TinyLlama = "tiny-llama";
    public const string TinyGpt2 = "tiny-gpt2";
    public const ulong Seed = 20240601;

    public static IReadOnlyList<string> Names { get; } = [TinyLlama, TinyGpt2];

    public static ModelConfig Config(string name) => name switch
    {
        TinyLlama => new ModelConfig
        {
            Architecture = ModelArchitecture.Llama, ModelType = "llama", VocabSize = TinyTokenizerFiles.VocabSize,
            HiddenSize = 64, IntermediateSize = 176, NumLayers = 2, NumHeads = 4, NumKeyValueHeads = 2, HeadDim = 16,
            MaxPositions = 512, NormEpsilon = 1e-6, RopeTheta = 10000, EosTokenId = TinyTokenizerFiles.EndOfTextId,
        },
        TinyGpt2 => new ModelConfig
        {
            Architecture = ModelArchitecture.Gpt2, ModelType = "gpt2", VocabSize = TinyTokenizerFiles.VocabSize,
            HiddenSize = 64, IntermediateSize = 256, NumLayers = 2, NumHeads = 4, NumKeyValueHeads = 4, HeadDim = 16,
            MaxPositions = 512, NormEpsilon = 1e-5, TieWordEmbeddings = true, EosTokenId = TinyTokenizerFiles.EndOfTextId,
        },
        _ => throw new ArgumentException($"'{name}' is not a built-in base model.", nameof(name)),
    };

    public static void Write(string name, string directory) => Write(Config(name), directory, Seed);

    /// <summary>Writes config.json, model.safetensors and the tokenizer files for <paramref name="config"/>.</summary>
    public static void Write(ModelConfig config, string directory, ulong seed)
    {
        Directory.CreateDirectory(directory);
        var random = new SeededNormal(seed);
        var tensors = config.Architecture == ModelArchitecture.Gpt2 ? Gpt2Weights(config, random) : LlamaWeights(config, random);
        File.WriteAllText(Path.Combine(directory, "config.json"), ModelConfigJson.Write(config));
        SafetensorsWriter.Write(Path.Combine(directory, "model.safetensors"), tensors, new Dictionary<string, string> { ["format"] = "pt" });
        if (config.Architecture == ModelArchitecture.Gpt2)
        {
            TinyTokenizerFiles.WriteVocabAndMerges(directory);
        }
        else
        {
            TinyTokenizerFiles.WriteTokenizerJson(directory);
        }
    }

    // Standard deviations well above the usual 0.02 so attention patterns, and any mistake in computing them, show in the logits.
    private const double WeightStd = 0.1;

    private static Dictionary<string, SafetensorsTensor> LlamaWeights(ModelConfig c, SeededNormal random)
    {
        var t = new Dictionary<string, SafetensorsTensor>();
        void Matrix(string name, long rows, long cols) => t[name] = Normal(random, WeightStd, rows, cols);
        Matrix("model.embed_tokens.weight", c.VocabSize, c.HiddenSize);
        for (var i = 0; i < c.NumLayers; i++)
        {
            var p = $"model.layers.{i}";
            t[$"{p}.input_layernorm.weight"] = Norm(random, c.HiddenSize);
            t[$"{p}.post_attention_layernorm.weight"] = Norm(random, c.HiddenSize);
            Matrix($"{p}.self_attn.q_proj.weight", c.NumHeads * c.HeadDim, c.HiddenSize);
            Matrix($"{p}.self_attn.k_proj.weight", c.NumKeyValueHeads * c.HeadDim, c.HiddenSize);
            Matrix($"{p}.self_attn.v_proj.weight", c.NumKeyValueHeads * c.HeadDim, c.HiddenSize);
            if (c.AttentionBias)
            {
                t[$"{p}.self_attn.q_proj.bias"] = Normal(random, WeightStd, c.NumHeads * c.HeadDim);
                t[$"{p}.self_attn.k_proj.bias"] = Normal(random, WeightStd, c.NumKeyValueHeads * c.HeadDim);
                t[$"{p}.self_attn.v_proj.bias"] = Normal(random, WeightStd, c.NumKeyValueHeads * c.HeadDim);
            }
            Matrix($"{p}.self_attn.o_proj.weight", c.HiddenSize, c.NumHeads * c.HeadDim);
            Matrix($"{p}.mlp.gate_proj.weight", c.IntermediateSize, c.HiddenSize);
            Matrix($"{p}.mlp.up_proj.weight", c.IntermediateSize, c.HiddenSize);
            Matrix($"{p}.mlp.down_proj.weight", c.HiddenSize, c.IntermediateSize);
        }
        t["model.norm.weight"] = Norm(random, c.HiddenSize);
        if (!c.TieWordEmbeddings)
        {
            Matrix("lm_head.weight", c.VocabSize, c.HiddenSize);
        }
        return t;
    }

    private static Dictionary<string, SafetensorsTensor> Gpt2Weights(ModelConfig c, SeededNormal random)
    {
        var t = new Dictionary<string, SafetensorsTensor>();
        t["transformer.wte.weight"] = Normal(random, WeightStd, c.VocabSize, c.HiddenSize);
        t["transformer.wpe.weight"] = Normal(random, WeightStd, c.MaxPositions, c.HiddenSize);
        for (var i = 0; i < c.NumLayers; i++)
        {
            var p = $"transformer.h.{i}";
            t[$"{p}.ln_1.weight"] = Norm(random, c.HiddenSize);
            t[$"{p}.ln_1.bias"] = Normal(random, WeightStd, c.HiddenSize);
            // Conv1D: [in, out].
            t[$"{p}.attn.c_attn.weight"] = Normal(random, WeightStd, c.HiddenSize, 3 * c.HiddenSize);
            t[$"{p}.attn.c_attn.bias"] = Normal(random, WeightStd, 3 * c.HiddenSize);
            t[$"{p}.attn.c_proj.weight"] = Normal(random, WeightStd, c.HiddenSize, c.HiddenSize);
            t[$"{p}.attn.c_proj.bias"] = Normal(random, WeightStd, c.HiddenSize);
            t[$"{p}.ln_2.weight"] = Norm(random, c.HiddenSize);
            t[$"{p}.ln_2.bias"] = Normal(random, WeightStd, c.HiddenSize);
            t[$"{p}.mlp.c_fc.weight"] = Normal(random, WeightStd, c.HiddenSize, c.IntermediateSize);
            t[$"{p}.mlp.c_fc.bias"] = Normal(random, WeightStd, c.IntermediateSize);
            t[$"{p}.mlp.c_proj.weight"] = Normal(random, WeightStd, c.IntermediateSize, c.HiddenSize);
            t[$"{p}.mlp.c_proj.bias"] = Normal(random, WeightStd, c.HiddenSize);
        }
        t["transformer.ln_f.weight"] = Norm(random, c.HiddenSize);
        t["transformer.ln_f.bias"] = Normal(random, WeightStd, c.HiddenSize);
        return t;
    }

    private static SafetensorsTensor Normal(SeededNormal random, double std, params long[] shape) =>
        SafetensorsTensor.FromFloats(random.Next((int)shape.Aggregate(1L, (a, b) => a * b), 0, std), shape);

    private static SafetensorsTensor Norm(SeededNormal random, int size) =>
        SafetensorsTensor.FromFloats(random.Next(size, 1, WeightStd), size);
}
