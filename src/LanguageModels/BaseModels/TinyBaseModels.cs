using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Safetensors;

namespace AdapterPipeline.LanguageModels.BaseModels;

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

    /// <summary>
    /// Writes config.json, model.safetensors, the tokenizer files and tokenizer_config.json (with its chat template) for <paramref name="config"/>: matrices and
    /// biases drawn with standard deviation <paramref name="weightStd"/>, norm weights around 1, stored as float32 or,
    /// with <paramref name="bfloat16"/>, as bfloat16 like most published checkpoints.
    /// </summary>
    public static void Write(ModelConfig config, string directory, ulong seed, double weightStd = WeightStd, bool bfloat16 = false)
    {
        Directory.CreateDirectory(directory);
        var random = new Generator(new SeededNormal(seed), weightStd, bfloat16);
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
        TinyTokenizerFiles.WriteTokenizerConfig(directory);
    }

    // Standard deviations well above the usual 0.02 so attention patterns, and any mistake in computing them, show in the logits.
    private const double WeightStd = 0.1;

    private static Dictionary<string, SafetensorsTensor> LlamaWeights(ModelConfig c, Generator random)
    {
        var t = new Dictionary<string, SafetensorsTensor>();
        void Matrix(string name, long rows, long cols) => t[name] = random.Normal(rows, cols);
        Matrix("model.embed_tokens.weight", c.VocabSize, c.HiddenSize);
        for (var i = 0; i < c.NumLayers; i++)
        {
            var p = $"model.layers.{i}";
            t[$"{p}.input_layernorm.weight"] = random.Norm(c.HiddenSize);
            t[$"{p}.post_attention_layernorm.weight"] = random.Norm(c.HiddenSize);
            Matrix($"{p}.self_attn.q_proj.weight", c.NumHeads * c.HeadDim, c.HiddenSize);
            Matrix($"{p}.self_attn.k_proj.weight", c.NumKeyValueHeads * c.HeadDim, c.HiddenSize);
            Matrix($"{p}.self_attn.v_proj.weight", c.NumKeyValueHeads * c.HeadDim, c.HiddenSize);
            if (c.AttentionBias)
            {
                t[$"{p}.self_attn.q_proj.bias"] = random.Normal(c.NumHeads * c.HeadDim);
                t[$"{p}.self_attn.k_proj.bias"] = random.Normal(c.NumKeyValueHeads * c.HeadDim);
                t[$"{p}.self_attn.v_proj.bias"] = random.Normal(c.NumKeyValueHeads * c.HeadDim);
            }
            if (c.QueryKeyNorm)
            {
                t[$"{p}.self_attn.q_norm.weight"] = random.Norm(c.HeadDim);
                t[$"{p}.self_attn.k_norm.weight"] = random.Norm(c.HeadDim);
            }
            Matrix($"{p}.self_attn.o_proj.weight", c.HiddenSize, c.NumHeads * c.HeadDim);
            Matrix($"{p}.mlp.gate_proj.weight", c.IntermediateSize, c.HiddenSize);
            Matrix($"{p}.mlp.up_proj.weight", c.IntermediateSize, c.HiddenSize);
            Matrix($"{p}.mlp.down_proj.weight", c.HiddenSize, c.IntermediateSize);
        }
        t["model.norm.weight"] = random.Norm(c.HiddenSize);
        if (!c.TieWordEmbeddings)
        {
            Matrix("lm_head.weight", c.VocabSize, c.HiddenSize);
        }
        return t;
    }

    private static Dictionary<string, SafetensorsTensor> Gpt2Weights(ModelConfig c, Generator random)
    {
        var t = new Dictionary<string, SafetensorsTensor>();
        t["transformer.wte.weight"] = random.Normal(c.VocabSize, c.HiddenSize);
        t["transformer.wpe.weight"] = random.Normal(c.MaxPositions, c.HiddenSize);
        for (var i = 0; i < c.NumLayers; i++)
        {
            var p = $"transformer.h.{i}";
            t[$"{p}.ln_1.weight"] = random.Norm(c.HiddenSize);
            t[$"{p}.ln_1.bias"] = random.Normal(c.HiddenSize);
            // Conv1D: [in, out].
            t[$"{p}.attn.c_attn.weight"] = random.Normal(c.HiddenSize, 3 * c.HiddenSize);
            t[$"{p}.attn.c_attn.bias"] = random.Normal(3 * c.HiddenSize);
            t[$"{p}.attn.c_proj.weight"] = random.Normal(c.HiddenSize, c.HiddenSize);
            t[$"{p}.attn.c_proj.bias"] = random.Normal(c.HiddenSize);
            t[$"{p}.ln_2.weight"] = random.Norm(c.HiddenSize);
            t[$"{p}.ln_2.bias"] = random.Normal(c.HiddenSize);
            t[$"{p}.mlp.c_fc.weight"] = random.Normal(c.HiddenSize, c.IntermediateSize);
            t[$"{p}.mlp.c_fc.bias"] = random.Normal(c.IntermediateSize);
            t[$"{p}.mlp.c_proj.weight"] = random.Normal(c.IntermediateSize, c.HiddenSize);
            t[$"{p}.mlp.c_proj.bias"] = random.Normal(c.HiddenSize);
        }
        t["transformer.ln_f.weight"] = random.Norm(c.HiddenSize);
        t["transformer.ln_f.bias"] = random.Normal(c.HiddenSize);
        return t;
    }

    private sealed class Generator(SeededNormal random, double std, bool bfloat16)
    {
        public SafetensorsTensor Normal(params long[] shape) => Tensor(random.Next(Count(shape), 0, std), shape);

        public SafetensorsTensor Norm(int size) => Tensor(random.Next(size, 1, WeightStd), size);

        private SafetensorsTensor Tensor(float[] values, params long[] shape) =>
            bfloat16 ? SafetensorsTensor.FromFloatsAsBFloat16(values, shape) : SafetensorsTensor.FromFloats(values, shape);

        private static int Count(long[] shape) => checked((int)shape.Aggregate(1L, (a, b) => a * b));
    }
}
