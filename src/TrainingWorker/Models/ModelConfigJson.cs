using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdapterPipeline.TrainingWorker.Models;

/// <summary>Reads and writes the Hugging Face <c>config.json</c> fields this project uses.</summary>
public static class ModelConfigJson
{
    public static ModelConfig Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new NotSupportedException($"{path} is not a usable model config: {ex.Message}", ex);
        }
    }

    public static ModelConfig Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("config.json is empty.");
        var modelType = root["model_type"]?.GetValue<string>() ?? throw new JsonException("config.json has no model_type.");
        return modelType switch
        {
            "llama" or "qwen2" or "mistral" => ParseLlama(root, modelType),
            "gpt2" => ParseGpt2(root),
            _ => throw new NotSupportedException($"Model type '{modelType}' is not supported; supported: llama, qwen2, mistral, gpt2."),
        };
    }

    private static ModelConfig ParseLlama(JsonObject root, string modelType)
    {
        if (root["rope_scaling"] is JsonObject scaling)
        {
            var type = scaling["rope_type"]?.GetValue<string>() ?? scaling["type"]?.GetValue<string>();
            if (type is not null and not "default")
            {
                throw new NotSupportedException($"rope_scaling of type '{type}' is not supported.");
            }
        }
        var hidden = Int(root, "hidden_size");
        var heads = Int(root, "num_attention_heads");
        return new ModelConfig
        {
            Architecture = ModelArchitecture.Llama,
            ModelType = modelType,
            VocabSize = Int(root, "vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = Int(root, "intermediate_size"),
            NumLayers = Int(root, "num_hidden_layers"),
            NumHeads = heads,
            NumKeyValueHeads = OptionalInt(root, "num_key_value_heads") ?? heads,
            HeadDim = OptionalInt(root, "head_dim") ?? hidden / heads,
            MaxPositions = OptionalInt(root, "max_position_embeddings") ?? 2048,
            NormEpsilon = OptionalDouble(root, "rms_norm_eps") ?? 1e-6,
            RopeTheta = OptionalDouble(root, "rope_theta") ?? 10000,
            TieWordEmbeddings = root["tie_word_embeddings"]?.GetValue<bool>() ?? false,
            AttentionBias = root["attention_bias"]?.GetValue<bool>() ?? modelType == "qwen2",
            BosTokenId = FirstInt(root["bos_token_id"]),
            EosTokenId = FirstInt(root["eos_token_id"]),
        };
    }

    private static ModelConfig ParseGpt2(JsonObject root)
    {
        var hidden = Int(root, "n_embd");
        var activation = root["activation_function"]?.GetValue<string>() ?? "gelu_new";
        if (activation is not ("gelu_new" or "gelu_pytorch_tanh"))
        {
            throw new NotSupportedException($"GPT-2 activation '{activation}' is not supported; only gelu_new.");
        }
        return new ModelConfig
        {
            Architecture = ModelArchitecture.Gpt2,
            ModelType = "gpt2",
            VocabSize = Int(root, "vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = OptionalInt(root, "n_inner") ?? 4 * hidden,
            NumLayers = Int(root, "n_layer"),
            NumHeads = Int(root, "n_head"),
            NumKeyValueHeads = Int(root, "n_head"),
            HeadDim = hidden / Int(root, "n_head"),
            MaxPositions = Int(root, "n_positions"),
            NormEpsilon = OptionalDouble(root, "layer_norm_epsilon") ?? 1e-5,
            TieWordEmbeddings = true,
            BosTokenId = FirstInt(root["bos_token_id"]),
            EosTokenId = FirstInt(root["eos_token_id"]),
        };
    }

    public static string Write(ModelConfig config)
    {
        var root = config.Architecture switch
        {
            ModelArchitecture.Llama => new JsonObject
            {
                ["architectures"] = new JsonArray(config.ModelType == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"),
                ["model_type"] = config.ModelType,
                ["vocab_size"] = config.VocabSize,
                ["hidden_size"] = config.HiddenSize,
                ["intermediate_size"] = config.IntermediateSize,
                ["num_hidden_layers"] = config.NumLayers,
                ["num_attention_heads"] = config.NumHeads,
                ["num_key_value_heads"] = config.NumKeyValueHeads,
                ["head_dim"] = config.HeadDim,
                ["max_position_embeddings"] = config.MaxPositions,
                ["rms_norm_eps"] = config.NormEpsilon,
                ["rope_theta"] = config.RopeTheta,
                ["tie_word_embeddings"] = config.TieWordEmbeddings,
                ["attention_bias"] = config.AttentionBias,
                ["hidden_act"] = "silu",
                ["torch_dtype"] = "float32",
            },
            _ => new JsonObject
            {
                ["architectures"] = new JsonArray("GPT2LMHeadModel"),
                ["model_type"] = "gpt2",
                ["vocab_size"] = config.VocabSize,
                ["n_embd"] = config.HiddenSize,
                ["n_inner"] = config.IntermediateSize,
                ["n_layer"] = config.NumLayers,
                ["n_head"] = config.NumHeads,
                ["n_positions"] = config.MaxPositions,
                ["layer_norm_epsilon"] = config.NormEpsilon,
                ["activation_function"] = "gelu_new",
                ["torch_dtype"] = "float32",
            },
        };
        if (config.BosTokenId is { } bos)
        {
            root["bos_token_id"] = bos;
        }
        if (config.EosTokenId is { } eos)
        {
            root["eos_token_id"] = eos;
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static int Int(JsonObject root, string name) =>
        OptionalInt(root, name) ?? throw new JsonException($"config.json has no {name}.");

    private static int? OptionalInt(JsonObject root, string name) => root[name] is JsonValue value ? value.GetValue<int>() : null;

    private static double? OptionalDouble(JsonObject root, string name) => root[name] is JsonValue value ? value.GetValue<double>() : null;

    private static int? FirstInt(JsonNode? node) => node switch
    {
        JsonValue value => value.GetValue<int>(),
        JsonArray { Count: > 0 } array => array[0]!.GetValue<int>(),
        _ => null,
    };
}
