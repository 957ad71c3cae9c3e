namespace AdapterPipeline.Contracts.Training;

/// <summary>
/// Answer to <see cref="PreviewTraining"/>: what a run would train on, how long and how much memory it would take.
/// A file that cannot be read is listed in <see cref="Errors"/> and left out of the counts.
/// </summary>
/// <param name="Examples">Examples (conversations or plain-text windows) after truncation, training and held out.</param>
/// <param name="EvalExamples">Of those, the examples held out for evaluation.</param>
/// <param name="TokensTotal">Tokens of all examples (what the model reads in one epoch, held-out included).</param>
/// <param name="TokensTrained">Tokens in the loss per epoch: the training examples' targets (assistant replies unless train_on_inputs).</param>
/// <param name="TruncatedExamples">Conversations that lost turns (or were dropped) to fit max_seq_length.</param>
/// <param name="Steps">Optimizer steps of the run (before any early stop).</param>
/// <param name="EstimatedSeconds">Training time from the worker's measured tokens per second for the base model.</param>
/// <param name="EstimatedMemoryBytes">Peak memory of training, as the submission check estimates it.</param>
/// <param name="Hyperparameters">Every setting as the run would use it, "auto" replaced by the chosen value.</param>
/// <param name="Errors">Data errors by file and line; empty when every file is usable.</param>
public sealed record TrainingPreviewed(
    int Examples,
    int EvalExamples,
    long TokensTotal,
    long TokensTrained,
    int TruncatedExamples,
    int Steps,
    double EstimatedSeconds,
    long EstimatedMemoryBytes,
    Adapters.TrainingHyperparameters Hyperparameters,
    IReadOnlyList<TrainingDataError> Errors);

/// <summary>Why part of the training data cannot be used.</summary>
/// <param name="File">The file; null when the error is about the data as a whole (nothing left to train on).</param>
/// <param name="Line">1-based line of the first problem in the file, when known.</param>
/// <param name="Message">What is wrong, naming the field.</param>
public sealed record TrainingDataError(string? File, int? Line, string Message);
