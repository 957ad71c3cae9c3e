namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// What a training run may choose; every field is optional and a null takes the documented default
/// (docs/lora-training.md): learning_rate 2e-4, num_epochs 3, batch_size 4, lora_r 8, lora_alpha 16,
/// lora_dropout 0.05, target_modules the architecture's attention query and value projections,
/// max_seq_length 256, base_model "tiny-llama", seed 42.
/// </summary>
/// <param name="LearningRate">AdamW's peak learning rate; greater than 0.</param>
/// <param name="NumEpochs">Passes over the data; at least 1.</param>
/// <param name="BatchSize">Blocks per step; at least 1.</param>
/// <param name="LoraR">Adapter rank; at least 1.</param>
/// <param name="LoraAlpha">Scaling numerator (output scaled by alpha / r); at least 1.</param>
/// <param name="LoraDropout">Dropout on the adapter input, in [0, 1).</param>
/// <param name="TargetModules">Hugging Face module names of the linear layers to adapt.</param>
/// <param name="MaxSeqLength">Tokens per training block; at least 8.</param>
/// <param name="BaseModel">Name of a configured or built-in base model.</param>
/// <param name="Seed">Seed for initialisation, dropout and shuffling.</param>
public sealed record TrainingHyperparameters(
    double? LearningRate = null,
    int? NumEpochs = null,
    int? BatchSize = null,
    int? LoraR = null,
    int? LoraAlpha = null,
    double? LoraDropout = null,
    IReadOnlyList<string>? TargetModules = null,
    int? MaxSeqLength = null,
    string? BaseModel = null,
    int? Seed = null);
