using AdapterPipeline.ChatTemplates;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Compute;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// What can be known about a request against its base model before training: a config the forward pass does not
/// implement, an output layer the checkpoint lacks, a sliding window shorter than the sequences, and whether the
/// job fits the device's memory. Errors are keyed by the field to change and name the base model.
/// </summary>
internal static class BaseModelChecks
{

    public static Dictionary<string, string> Check(TrainingRequest request, BaseModelRegistry registry, long? memoryBudget, int weightElementBytes)
    {
        var name = request.BaseModel;
        var errors = new Dictionary<string, string>();
        ModelConfig? config;
        IReadOnlySet<string>? tensors;
        try
        {
            config = registry.ConfigOf(name);
            tensors = config is null ? null : registry.CheckpointTensorNames(name);
        }
        catch (Exception ex) when (ex is NotSupportedException or IOException or SafetensorsFormatException)
        {
            errors["base_model"] = $"Base model '{name}' cannot be trained: {ex.Message}";
            return errors;
        }
        if (config is null)
        {
            return errors;
        }
        if (registry.LocalFilesOf(name) is { } directory && ChatTemplateProblem(directory) is { } templateProblem)
        {
            errors["base_model"] = $"Base model '{name}' cannot be trained: its chat template {templateProblem}";
            return errors;
        }
        if (config.Architecture == ModelArchitecture.Llama && !config.TieWordEmbeddings && tensors is not null && !tensors.Contains("lm_head.weight"))
        {
            errors["base_model"] = $"Base model '{name}' cannot be trained: config.json says tie_word_embeddings: false, but the checkpoint has no lm_head.weight.";
            return errors;
        }
        var sequence = Math.Min(request.MaxSeqLength, config.MaxPositions);
        if (config.SlidingWindow is { } window && window < sequence)
        {
            errors["max_seq_length"] = $"Base model '{name}' uses sliding-window attention (sliding_window {window}), which is not implemented; " +
                $"set max_seq_length to at most {window}.";
        }
        if (memoryBudget is { } budget)
        {
            var lora = new LoraSettings(request.LoraR, request.LoraAlpha, request.LoraDropout,
                request.TargetModules ?? LoraSettings.DefaultTargets(config.Architecture));
            // An "auto" batch is at most the rule's choice before the example count caps it.
            var batch = request.BatchSize ?? AutoSettings.BatchSize(request.MaxSeqLength, int.MaxValue, out _);
            var estimate = MemoryEstimator.Estimate(config, lora, batch, sequence, weightElementBytes);
            if (estimate.Weights + estimate.Runtime > budget)
            {
                errors["base_model"] = $"Base model '{name}' needs {MemoryEstimate.GiB(estimate.Weights)} for its weights alone; " +
                    $"the worker may use {MemoryEstimate.GiB(budget)} (Training:MaxMemoryBytes).";
            }
            else if (estimate.Total > budget)
            {
                var field = request.BatchSize > 1 ? "batch_size" : "max_seq_length";
                errors[field] = $"Base model '{name}' would need about {estimate} for batch_size {batch} × max_seq_length {sequence}; " +
                    $"the worker may use {MemoryEstimate.GiB(budget)}. Lower batch_size (raising gradient_accumulation_steps keeps the effective batch) or max_seq_length.";
            }
        }
        return errors;
    }

    private static string? ChatTemplateProblem(string directory)
    {
        try
        {
            ModelChatFormat.Load(directory);
            return null;
        }
        catch (ChatTemplateException ex)
        {
            return $"cannot be rendered here: {ex.Message}";
        }
    }
}
