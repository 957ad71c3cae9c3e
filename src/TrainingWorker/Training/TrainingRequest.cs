namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// What to train: the base model and every hyperparameter, each with its default. Names follow the snake_case
/// JSON fields the API accepts (see <see cref="TrainingRequestValidator"/> for the ranges).
/// </summary>
public sealed record TrainingRequest
{
    /// <summary>base_model: a configured or built-in base model name.</summary>
    public string BaseModel { get; init; } = "tiny-llama";

    /// <summary>learning_rate: AdamW's peak learning rate.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>num_epochs: passes over the training blocks.</summary>
    public int NumEpochs { get; init; } = 3;

    /// <summary>batch_size: blocks per forward/backward pass.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>lora_r: the adapter's rank.</summary>
    public int LoraR { get; init; } = 8;

    /// <summary>lora_alpha: the adapter's output is scaled by lora_alpha / lora_r.</summary>
    public int LoraAlpha { get; init; } = 16;

    /// <summary>lora_dropout: dropout on the adapter's input while training.</summary>
    public double LoraDropout { get; init; } = 0.05;

    /// <summary>target_modules: linear layers to adapt by Hugging Face module name; null means q_proj, v_proj (Llama) or c_attn (GPT-2).</summary>
    public IReadOnlyList<string>? TargetModules { get; init; }

    /// <summary>max_seq_length: tokens per block; capped at the model's maximum position.</summary>
    public int MaxSeqLength { get; init; } = 256;

    /// <summary>seed: initialisation, dropout and shuffling; CPU runs with the same seed repeat exactly.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>warmup_ratio: share of the optimizer steps over which the learning rate rises linearly from zero.</summary>
    public double WarmupRatio { get; init; } = 0.03;

    /// <summary>lr_scheduler: the decay after warmup.</summary>
    public LearningRateSchedule LrScheduler { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>gradient_accumulation_steps: batches whose gradients add up to one optimizer step.</summary>
    public int GradientAccumulationSteps { get; init; } = 1;

    /// <summary>max_grad_norm: gradients are clipped to this global L2 norm; 0 turns clipping off.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>weight_decay: AdamW's decoupled weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>eval_fraction: share of the blocks held out for the eval loss; 0 disables evaluation.</summary>
    public double EvalFraction { get; init; } = 0.1;

    /// <summary>logging_steps: progress is reported every this many optimizer steps (and at the last).</summary>
    public int LoggingSteps { get; init; } = 10;

    /// <summary>max_steps: stop after this many optimizer steps, whatever num_epochs says; null for no limit.</summary>
    public int? MaxSteps { get; init; }
}
