using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.TrainingWorker.Tests.Models;

public class When_a_model_config_is_read
{
    private const string Llama = """
        "model_type": "llama", "vocab_size": 128256, "hidden_size": 2048, "intermediate_size": 8192,
        "num_hidden_layers": 16, "num_attention_heads": 32, "num_key_value_heads": 8, "max_position_embeddings": 131072
        """;

    private static ModelConfig Parse(string fields) => ModelConfigJson.Parse("{" + fields + "}");

    [Fact]
    public void Should_read_transformers_5_rope_parameters()
    {
        var config = Parse(Llama + """
            , "rope_parameters": { "rope_type": "llama3", "rope_theta": 500000.0, "factor": 32.0, "low_freq_factor": 1.0,
              "high_freq_factor": 4.0, "original_max_position_embeddings": 8192 }
            """);

        Assert.Equal(500000, config.RopeTheta);
        Assert.Equal(new RopeScaling("llama3", 32, 1, 4, 8192), config.RopeScaling);
    }

    [Fact]
    public void Should_read_top_level_rope_theta_and_rope_scaling()
    {
        var config = Parse(Llama + """, "rope_theta": 500000.0, "rope_scaling": { "type": "linear", "factor": 2.0 }""");

        Assert.Equal(500000, config.RopeTheta);
        Assert.Equal(new RopeScaling("linear", 2), config.RopeScaling! with { LowFrequencyFactor = 1, HighFrequencyFactor = 4, OriginalMaxPositions = 8192 });
    }

    [Fact]
    public void Should_read_a_default_rope_parameters_theta_without_scaling()
    {
        var config = Parse(Llama + """, "rope_parameters": { "rope_type": "default", "rope_theta": 1000000.0 }""");

        Assert.Equal(1000000, config.RopeTheta);
        Assert.Null(config.RopeScaling);
    }

    [Theory]
    [InlineData(""", "rope_parameters": { "rope_type": "yarn", "rope_theta": 10000.0, "factor": 4.0 }""", "yarn")]
    [InlineData(""", "rope_scaling": { "rope_type": "longrope", "factor": 4.0 }""", "longrope")]
    [InlineData(""", "attention_bias": true""", "attention_bias")]
    [InlineData(""", "mlp_bias": true""", "mlp_bias")]
    [InlineData(""", "hidden_act": "gelu" """, "hidden_act")]
    [InlineData(""", "partial_rotary_factor": 0.5""", "partial_rotary_factor")]
    public void Should_refuse_what_the_forward_pass_does_not_implement_by_name(string extra, string named)
    {
        var error = Assert.Throws<NotSupportedException>(() => Parse(Llama + extra));

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("scale_attn_by_inverse_layer_idx")]
    [InlineData("reorder_and_upcast_attn")]
    public void Should_refuse_gpt2_attention_variants_by_name(string flag)
    {
        var error = Assert.Throws<NotSupportedException>(() => Parse(
            $$"""
            "model_type": "gpt2", "vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12, "n_positions": 1024, "{{flag}}": true
            """));

        Assert.Contains(flag, error.Message);
    }

    [Theory]
    [InlineData("gemma3_text")]
    [InlineData("phi3")]
    public void Should_refuse_other_model_types_by_model_type(string modelType)
    {
        var error = Assert.Throws<NotSupportedException>(() => Parse(Llama.Replace("\"llama\"", $"\"{modelType}\"")));

        Assert.Contains($"'{modelType}'", error.Message);
    }

    [Fact]
    public void Should_read_qwen3_as_llama_family_with_query_key_norm_and_no_bias()
    {
        var config = Parse(Llama.Replace("\"llama\"", "\"qwen3\"") + """, "head_dim": 128, "use_sliding_window": false, "sliding_window": 4096""");

        Assert.True(config.QueryKeyNorm);
        Assert.False(config.AttentionBias);
        Assert.Equal(128, config.HeadDim);
        Assert.Null(config.SlidingWindow);
    }

    [Fact]
    public void Should_take_a_mistral_sliding_window_as_the_context_limit()
    {
        var config = Parse(Llama.Replace("\"llama\"", "\"mistral\"") + """, "sliding_window": 4096""");

        Assert.Equal(4096, config.SlidingWindow);
        Assert.Equal(4096, config.MaxContext);
    }

    [Fact]
    public void Should_write_rope_scaling_that_reads_back_equal()
    {
        var config = ReferenceModels.Llama32ShapeConfig;

        Assert.Equal(config, ModelConfigJson.Parse(ModelConfigJson.Write(config)));
    }
}
