namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// What to train: the base model and every hyperparameter, each with its default. Names follow the snake_case
/// JSON fields the API accepts (see <see cref="TrainingRequestValidator"/> for the ranges).
/// </summary>
public sealed record TrainingRequest
{
    /// <summary>
    /// init_from_version, once fetched: a directory holding a PEFT adapter (adapter_config.json and
    /// adapter_model.safetensors) of the same base model, rank and target modules, whose weights the run starts from.
    /// </summary>
    public string? InitFrom { get; init; }

    /// <summary>base_model: a configured or built-in base model name.</summary>
    public string BaseModel { get; init; } = "tiny-llama";

    /// <summary>learning_rate: AdamW's peak learning rate; null ("auto") lets <see cref="AutoSettings"/> choose.</summary>
    public double? LearningRate { get; init; }

    /// <summary>num_epochs: passes over the training examples; null ("auto", the default) lets <see cref="AutoSettings"/> choose.</summary>
    public int? NumEpochs { get; init; }

    /// <summary>batch_size: examples per forward/backward pass; null ("auto") lets <see cref="AutoSettings"/> choose.</summary>
    public int? BatchSize { get; init; }

    /// <summary>lora_r: the adapter's rank.</summary>
    public int LoraR { get; init; } = 8;

    /// <summary>lora_alpha: the adapter's output is scaled by lora_alpha / lora_r.</summary>
    public int LoraAlpha { get; init; } = 16;

    /// <summary>lora_dropout: dropout on the adapter's input while training.</summary>
    public double LoraDropout { get; init; } = 0.05;

    /// <summary>target_modules: linear layers to adapt by Hugging Face module name; null means q_proj, v_proj (Llama) or c_attn (GPT-2).</summary>
    public IReadOnlyList<string>? TargetModules { get; init; }

    /// <summary>max_seq_length: tokens per example; capped at the model's maximum position.</summary>
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

    /// <summary>eval_fraction: share of the documents held out for evaluation (at most 20%, none under 5 documents); 0 disables evaluation.</summary>
    public double EvalFraction { get; init; } = 0.1;

    /// <summary>logging_steps: progress is reported every this many optimizer steps (and at the last).</summary>
    public int LoggingSteps { get; init; } = 10;

    /// <summary>max_steps: stop after this many optimizer steps, whatever num_epochs says; null for no limit.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>train_on_inputs: train on every token of a conversation, not only the assistant's replies.</summary>
    public bool TrainOnInputs { get; init; }

    /// <summary>keep_best: the result is the adapter of the epoch with the lowest eval loss, not the last one.</summary>
    public bool KeepBest { get; init; } = true;

    /// <summary>early_stopping_patience: stop after this many epochs without a lower eval loss; null never stops early.</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Names of the given files held out for evaluation instead of an automatic split; empty for the split.</summary>
    public IReadOnlyList<string> EvalFiles { get; init; } = [];
}
