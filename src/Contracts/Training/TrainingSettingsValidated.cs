namespace AdapterPipeline.Contracts.Training;

/// <summary>Answer to <see cref="ValidateTrainingSettings"/>.</summary>
/// <param name="Errors">Field-named messages keyed by snake_case field name; empty when the settings are valid.</param>
public sealed record TrainingSettingsValidated(IReadOnlyDictionary<string, string[]> Errors);
