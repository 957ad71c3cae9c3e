namespace AdapterPipeline.LanguageModels.Adapters;

/// <summary>The adapter files written to an output directory.</summary>
public sealed record AdapterFiles(string AdapterConfigPath, string AdapterWeightsPath);
