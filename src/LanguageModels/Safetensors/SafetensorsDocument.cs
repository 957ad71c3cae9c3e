namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>The contents of one safetensors file: named tensors and the free-form <c>__metadata__</c> strings.</summary>
public sealed record SafetensorsDocument(
    IReadOnlyDictionary<string, SafetensorsTensor> Tensors,
    IReadOnlyDictionary<string, string> Metadata);
