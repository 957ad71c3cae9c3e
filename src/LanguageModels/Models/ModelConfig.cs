namespace AdapterPipeline.LanguageModels.Models;

/// <summary>The shape of a causal language model, read from (and written as) Hugging Face <c>config.json</c>.</summary>
public sealed record ModelConfig
{
    public required ModelArchitecture Architecture { get; init; }

    /// <summary>The <c>model_type</c> as written in config.json (llama, qwen2, qwen3, mistral, gpt2).</summary>
    public required string ModelType { get; init; }

    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumLayers { get; init; }
    public required int NumHeads { get; init; }
    public int NumKeyValueHeads { get; init; }
    public int HeadDim { get; init; }
    public required int MaxPositions { get; init; }
    public double NormEpsilon { get; init; } = 1e-5;
    public double RopeTheta { get; init; } = 10000;

    /// <summary>Rotary frequency scaling (llama3, linear, dynamic); null for none.</summary>
    public RopeScaling? RopeScaling { get; init; }

    public bool TieWordEmbeddings { get; init; }

    /// <summary>Bias on q/k/v projections (Qwen2).</summary>
    public bool AttentionBias { get; init; }

    /// <summary>RMSNorm over each head of q and k before the rotation (Qwen3).</summary>
    public bool QueryKeyNorm { get; init; }

    /// <summary>Tokens each position may attend back to when the model uses sliding-window attention; null when it does not.</summary>
    public int? SlidingWindow { get; init; }

    public int? BosTokenId { get; init; }
    public int? EosTokenId { get; init; }

    /// <summary>The longest sequence the forward pass computes as the checkpoint was trained: the window when it is shorter.</summary>
    public int MaxContext => Math.Min(MaxPositions, SlidingWindow ?? int.MaxValue);
}

/// <summary>
/// <c>rope_scaling</c> / <c>rope_parameters</c> as Hugging Face reads it. <see cref="Type"/> is llama3, linear or
/// dynamic; <see cref="OriginalMaxPositions"/> and the frequency factors matter for llama3 only.
/// </summary>
public sealed record RopeScaling(string Type, double Factor, double LowFrequencyFactor = 1, double HighFrequencyFactor = 4, int OriginalMaxPositions = 8192);
