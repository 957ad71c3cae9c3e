using System.Text.Json.Serialization;

namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// What a training run may choose; every field is optional and a null takes the documented default
/// (docs/lora-training.md): learning_rate, num_epochs and batch_size "auto" (chosen by the trainer from the data
/// and the base model, and recorded in the manifest), lora_r 8, lora_alpha 16, lora_dropout 0.05, target_modules
/// the architecture's attention query and value projections, max_seq_length 256, base_model "tiny-llama",
/// seed 42, train_on_inputs false, keep_best true, no early stopping. The three "auto" fields read a JSON number
/// or the string "auto" (null) through <see cref="AutoNumberConverter{T}"/>.
/// </summary>
/// <param name="LearningRate">AdamW's peak learning rate; greater than 0 and at most 0.01; null for "auto".</param>
/// <param name="NumEpochs">Passes over the data; at least 1; null for "auto".</param>
/// <param name="BatchSize">Examples per step; at least 1; null for "auto".</param>
/// <param name="LoraR">Adapter rank; at least 1.</param>
/// <param name="LoraAlpha">Scaling numerator (output scaled by alpha / r); at least 1.</param>
/// <param name="LoraDropout">Dropout on the adapter input, in [0, 1).</param>
/// <param name="TargetModules">Hugging Face module names of the linear layers to adapt.</param>
/// <param name="MaxSeqLength">Tokens per training block; at least 8.</param>
/// <param name="BaseModel">Name of a configured or built-in base model.</param>
/// <param name="Seed">Seed for initialisation, dropout and shuffling.</param>
/// <param name="TrainOnInputs">Train on every token of a conversation, not only the assistant's replies.</param>
/// <param name="KeepBest">Keep the adapter of the epoch with the lowest eval loss rather than the last one.</param>
/// <param name="EarlyStoppingPatience">Stop after this many epochs without a lower eval loss; at least 1.</param>
/// <param name="InitFromVersion">Continue training from this existing version of the avatar's adapter instead of an
/// untrained one (same base model, lora_r and target_modules; when left out they are taken from that version).</param>
public sealed record TrainingHyperparameters(
    [property: JsonConverter(typeof(AutoNumberConverter<double>))] double? LearningRate = null,
    [property: JsonConverter(typeof(AutoNumberConverter<int>))] int? NumEpochs = null,
    [property: JsonConverter(typeof(AutoNumberConverter<int>))] int? BatchSize = null,
    int? LoraR = null,
    int? LoraAlpha = null,
    double? LoraDropout = null,
    IReadOnlyList<string>? TargetModules = null,
    int? MaxSeqLength = null,
    string? BaseModel = null,
    int? Seed = null,
    bool? TrainOnInputs = null,
    bool? KeepBest = null,
    int? EarlyStoppingPatience = null,
    int? InitFromVersion = null);
