using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// Checks a <see cref="TrainingRequest"/> before any work starts. Errors are keyed by the snake_case field name,
/// the shape an RFC 7807 validation problem carries.
/// </summary>
public static class TrainingRequestValidator
{
    /// <summary>LoRA diverges well before this; higher values only ever produced NaN losses.</summary>
    public const double MaxLearningRate = 1e-2;

    /// <param name="request">The request to check.</param>
    /// <param name="baseModels">Names of the base models that can be used.</param>
    /// <param name="architecture">The chosen base model's architecture when known; target modules are then checked against it.</param>
    public static IReadOnlyDictionary<string, string[]> Validate(TrainingRequest request, IReadOnlyCollection<string> baseModels, ModelArchitecture? architecture)
    {
        var errors = new Dictionary<string, List<string>>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);
            }
        }

        Check(baseModels.Contains(request.BaseModel), "base_model",
            $"Unknown base model '{request.BaseModel}'; available: {string.Join(", ", baseModels.Order())}.");
        Check(request.LearningRate is null or (> 0 and <= MaxLearningRate), "learning_rate", $"Must be greater than 0 and at most {MaxLearningRate}, or \"auto\".");
        Check(request.NumEpochs is null or (>= 1 and <= 100), "num_epochs", "Must be between 1 and 100, or \"auto\".");
        Check(request.BatchSize is null or (>= 1 and <= 512), "batch_size", "Must be between 1 and 512, or \"auto\".");
        Check(request.LoraR is >= 1 and <= 256, "lora_r", "Must be between 1 and 256.");
        Check(request.LoraAlpha is >= 1 and <= 1024, "lora_alpha", "Must be between 1 and 1024.");
        Check(request.LoraDropout is >= 0 and < 1, "lora_dropout", "Must be at least 0 and below 1.");
        Check(request.MaxSeqLength is >= 8 and <= 32768, "max_seq_length", "Must be between 8 and 32768.");
        Check(request.Seed >= 0, "seed", "Must not be negative.");
        Check(request.WarmupRatio is >= 0 and <= 1, "warmup_ratio", "Must be between 0 and 1.");
        Check(Enum.IsDefined(request.LrScheduler), "lr_scheduler", "Must be cosine, linear or constant.");
        Check(request.GradientAccumulationSteps is >= 1 and <= 1024, "gradient_accumulation_steps", "Must be between 1 and 1024.");
        Check(request.MaxGradNorm >= 0, "max_grad_norm", "Must not be negative.");
        Check(request.WeightDecay is >= 0 and <= 1, "weight_decay", "Must be between 0 and 1.");
        Check(request.EvalFraction is >= 0 and <= 0.5, "eval_fraction", "Must be between 0 and 0.5.");
        Check(request.LoggingSteps >= 1, "logging_steps", "Must be at least 1.");
        Check(request.MaxSteps is null or >= 1, "max_steps", "Must be at least 1 when given.");
        Check(request.EarlyStoppingPatience is null or >= 1, "early_stopping_patience", "Must be at least 1 when given.");

        if (request.TargetModules is { } targets)
        {
            Check(targets.Count > 0, "target_modules", "Must name at least one module, or be omitted for the default.");
            var known = architecture is { } arch
                ? LoraSettings.KnownModules(arch)
                : [.. LoraSettings.KnownModules(ModelArchitecture.Llama), .. LoraSettings.KnownModules(ModelArchitecture.Gpt2)];
            foreach (var target in targets)
            {
                Check(known.Any(k => LoraSettings.Matches(k, target) || LoraSettings.Matches(target, k)), "target_modules",
                    $"Unknown module '{target}'; known: {string.Join(", ", known)}.");
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
