using System.Text.Json.Nodes;
using System.Text.Json;

namespace AdapterPipeline.LanguageModels.Models;

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
            "llama" or "qwen2" or "qwen3" or "mistral" => ParseLlama(root, modelType),
            "gpt2" => ParseGpt2(root),
            "gemma" or "gemma2" or "gemma3" or "gemma3_text" => throw new NotSupportedException(
                $"Model type '{modelType}' is not implemented (scaled embeddings, (1 + w) RMSNorm, GeGLU, local/global attention layers); supported: {Supported}."),
            _ => throw new NotSupportedException($"Model type '{modelType}' is not supported; supported: {Supported}."),
        };
    }

    private const string Supported = "llama, mistral, qwen2, qwen3, gpt2";

    private static ModelConfig ParseLlama(JsonObject root, string modelType)
    {
        // Qwen2 always puts a bias on q/k/v (and none on o_proj); elsewhere attention_bias also adds one to o_proj.
        if (modelType != "qwen2")
        {
            Refuse(Bool(root, "attention_bias"), "attention_bias: true (a bias on q/k/v_proj and o_proj) is not implemented.");
        }
        Refuse(Bool(root, "mlp_bias"), "mlp_bias: true (a bias on gate/up/down_proj) is not implemented.");
        var activation = root["hidden_act"]?.GetValue<string>() ?? "silu";
        Refuse(activation != "silu", $"hidden_act '{activation}' is not implemented for {modelType}; only silu.");
        Refuse(OptionalDouble(root, "partial_rotary_factor") is { } partial && partial != 1,
            "partial_rotary_factor below 1 (rotating part of each head) is not implemented.");
        var (theta, scaling) = RopeJson.Read(root);
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
            RopeTheta = theta,
            RopeScaling = scaling,
            TieWordEmbeddings = Bool(root, "tie_word_embeddings"),
            AttentionBias = modelType == "qwen2",
            QueryKeyNorm = modelType == "qwen3",
            SlidingWindow = SlidingWindow(root, modelType),
            BosTokenId = FirstInt(root["bos_token_id"]),
            EosTokenId = FirstInt(root["eos_token_id"]),
        };
    }

    // Mistral slides whenever sliding_window is set; Qwen2/Qwen3 only with use_sliding_window (or sliding layer_types).
    private static int? SlidingWindow(JsonObject root, string modelType)
    {
        var window = OptionalInt(root, "sliding_window");
        var sliding = modelType == "mistral"
            || Bool(root, "use_sliding_window")
            || (root["layer_types"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "sliding_attention"));
        return sliding ? window : null;
    }

    private static ModelConfig ParseGpt2(JsonObject root)
    {
        var hidden = Int(root, "n_embd");
        var activation = root["activation_function"]?.GetValue<string>() ?? "gelu_new";
        Refuse(activation is not ("gelu_new" or "gelu_pytorch_tanh"), $"GPT-2 activation_function '{activation}' is not implemented; only gelu_new.");
        Refuse(Bool(root, "scale_attn_by_inverse_layer_idx"), "scale_attn_by_inverse_layer_idx: true is not implemented.");
        Refuse(Bool(root, "reorder_and_upcast_attn"), "reorder_and_upcast_attn: true is not implemented.");
        Refuse(!Bool(root, "scale_attn_weights", true), "scale_attn_weights: false is not implemented.");
        Refuse(!Bool(root, "tie_word_embeddings", true), "tie_word_embeddings: false is not implemented for GPT-2.");
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

    internal static void Refuse(bool refused, string message)
    {
        if (refused)
        {
            throw new NotSupportedException(message);
        }
    }

    public static string Write(ModelConfig config)
    {
        var root = config.Architecture switch
        {
            ModelArchitecture.Llama => new JsonObject
            {
                ["architectures"] = new JsonArray(config.ModelType switch
                {
                    "qwen2" => "Qwen2ForCausalLM",
                    "qwen3" => "Qwen3ForCausalLM",
                    "mistral" => "MistralForCausalLM",
                    _ => "LlamaForCausalLM",
                }),
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
                ["attention_bias"] = config.AttentionBias && config.ModelType != "qwen2",
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
        if (config.RopeScaling is { } scaling)
        {
            root["rope_scaling"] = RopeJson.Write(scaling);
        }
        if (config.SlidingWindow is { } window)
        {
            root["sliding_window"] = window;
            root["use_sliding_window"] = true;
        }
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

    private static bool Bool(JsonObject root, string name, bool absent = false) =>
        root[name] is JsonValue value ? value.GetValue<bool>() : absent;

    internal static int Int(JsonObject root, string name) =>
        OptionalInt(root, name) ?? throw new JsonException($"config.json has no {name}.");

    internal static int? OptionalInt(JsonObject root, string name) => root[name] is JsonValue value ? value.GetValue<int>() : null;

    internal static double? OptionalDouble(JsonObject root, string name) => root[name] is JsonValue value ? value.GetValue<double>() : null;

    private static int? FirstInt(JsonNode? node) => node switch
    {
        JsonValue value => value.GetValue<int>(),
        JsonArray { Count: > 0 } array => array[0]!.GetValue<int>(),
        _ => null,
    };
}
