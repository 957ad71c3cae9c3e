namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>A safetensors file whose header or data does not add up.</summary>
public sealed class SafetensorsFormatException(string message) : Exception(message);
