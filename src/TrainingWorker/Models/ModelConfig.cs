namespace AdapterPipeline.TrainingWorker.Models;

/// <summary>The shape of a causal language model, read from (and written as) Hugging Face <c>config.json</c>.</summary>
public sealed record ModelConfig
{
    public required ModelArchitecture Architecture { get; init; }

    /// <summary>The <c>model_type</c> as written in config.json (llama, qwen2, mistral, gpt2).</summary>
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
    public bool TieWordEmbeddings { get; init; }

    /// <summary>Bias on q/k/v projections (Qwen2).</summary>
    public bool AttentionBias { get; init; }

    public int? BosTokenId { get; init; }
    public int? EosTokenId { get; init; }
}
