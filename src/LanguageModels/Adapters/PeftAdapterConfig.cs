using System.Text.Json.Serialization;

namespace AdapterPipeline.LanguageModels.Adapters;

/// <summary>
/// adapter_config.json with exactly the fields PEFT writes for a plain LoRA adapter; PEFT sorts keys, and so
/// does the declaration order here.
/// </summary>
public sealed record PeftAdapterConfig(
    [property: JsonPropertyName("base_model_name_or_path")] string BaseModelNameOrPath,
    [property: JsonPropertyName("bias")] string Bias,
    [property: JsonPropertyName("fan_in_fan_out")] bool FanInFanOut,
    [property: JsonPropertyName("inference_mode")] bool InferenceMode,
    [property: JsonPropertyName("lora_alpha")] int LoraAlpha,
    [property: JsonPropertyName("lora_dropout")] double LoraDropout,
    [property: JsonPropertyName("modules_to_save")] IReadOnlyList<string>? ModulesToSave,
    [property: JsonPropertyName("peft_type")] string PeftType,
    [property: JsonPropertyName("r")] int R,
    [property: JsonPropertyName("revision")] string? Revision,
    [property: JsonPropertyName("target_modules")] IReadOnlyList<string> TargetModules,
    [property: JsonPropertyName("task_type")] string TaskType,
    [property: JsonPropertyName("use_dora")] bool UseDora,
    [property: JsonPropertyName("use_rslora")] bool UseRslora)
{
    public static PeftAdapterConfig ForLora(string baseModel, int r, int alpha, double dropout, IEnumerable<string> targetModules, bool fanInFanOut) =>
        new(baseModel, "none", fanInFanOut, true, alpha, dropout, null, "LORA", r, null,
            targetModules.Order(StringComparer.Ordinal).ToList(), "CAUSAL_LM", false, false);
}
