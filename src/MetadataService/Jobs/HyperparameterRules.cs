using AdapterPipeline.Contracts.Adapters;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>Range checks any trainer would make; model-specific checks (base model, target modules) are the training worker's.</summary>
public static class HyperparameterRules
{
    public static Dictionary<string, string[]> Check(TrainingHyperparameters h)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (h.LearningRate is { } lr && !(lr > 0 && double.IsFinite(lr))) Add("learning_rate", "must be greater than 0");
        if (h.NumEpochs is < 1) Add("num_epochs", "must be at least 1");
        if (h.BatchSize is < 1) Add("batch_size", "must be at least 1");
        if (h.LoraR is < 1) Add("lora_r", "must be at least 1");
        if (h.LoraAlpha is < 1) Add("lora_alpha", "must be at least 1");
        if (h.LoraDropout is { } d && !(d >= 0 && d < 1)) Add("lora_dropout", "must be in [0, 1)");
        if (h.MaxSeqLength is < 8) Add("max_seq_length", "must be at least 8");
        if (h.InitFromVersion is < 1) Add("init_from_version", "must be at least 1");
        if (h.TargetModules is { Count: 0 }) Add("target_modules", "must name at least one module, or be left out");
        return errors;
    }
}
