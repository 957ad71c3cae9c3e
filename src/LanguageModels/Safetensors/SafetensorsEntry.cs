namespace AdapterPipeline.LanguageModels.Safetensors;

/// <summary>One tensor's header entry: element type, shape and byte range counted from the first data byte.</summary>
public sealed record SafetensorsEntry(SafetensorsDType DType, long[] Shape, long Begin, long End);
