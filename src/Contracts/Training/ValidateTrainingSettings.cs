namespace AdapterPipeline.Contracts.Training;

/// <summary>
/// Request to a training worker: would these settings train? Checks what only the trainer knows (base model names,
/// target modules of its architecture, ranges). Answered with <see cref="TrainingSettingsValidated"/>.
/// </summary>
/// <param name="Hyperparameters">The settings as requested.</param>
public sealed record ValidateTrainingSettings(Adapters.TrainingHyperparameters Hyperparameters);
