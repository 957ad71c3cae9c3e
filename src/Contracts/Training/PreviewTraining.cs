namespace AdapterPipeline.Contracts.Training;

/// <summary>
/// Request to a training worker: what would a training run on these files do? The worker reads every file with the
/// trainer's own code (the base model's tokenizer and chat template, truncation, the evaluation split, automatic
/// settings) and answers with <see cref="TrainingPreviewed"/>; nothing is trained or queued. Settings the trainer
/// refuses are answered with <see cref="Requests.RequestRejected"/> (<c>unprocessable</c>), keyed by field.
/// </summary>
/// <param name="Hyperparameters">The settings as requested (nulls take defaults, "auto" is resolved).</param>
/// <param name="Files">
/// The files a run would read, as <see cref="TrainingData.FilesForTraining"/> lists them; those marked
/// <see cref="TrainingData.FileForTraining.UseForEval"/> are held out instead of the automatic split.
/// </param>
public sealed record PreviewTraining(Adapters.TrainingHyperparameters Hyperparameters, IReadOnlyList<TrainingData.FileForTraining> Files);
