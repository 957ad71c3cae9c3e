using AdapterPipeline.LanguageModels.Models;

namespace AdapterPipeline.InferenceWorker.Adapters;

/// <summary>An adapter version read for serving: its LoRA weights (float32) and the base model it adapts.</summary>
public sealed record LoadedAdapter(AdapterKey Key, string BaseModel, LoraAdapter Lora) : IDisposable
{
    public long SizeBytes { get; } = Lora.ParameterCount * sizeof(float);

    public void Dispose() => Lora.Dispose();
}
