using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>
/// What a run would do, from <see cref="IAdapterTrainer.PreviewAsync"/>: the counts of the prepared data (null when
/// nothing is left to train on), the steps and the estimates, and every data error by file.
/// </summary>
/// <param name="Request">The request with its target modules resolved.</param>
/// <param name="Settings">The resolved settings; null with <see cref="Data"/>.</param>
/// <param name="EstimatedSeconds">Tokens the run feeds the model over <see cref="TrainingThroughput"/>'s rate.</param>
public sealed record TrainingPreview(
    TrainingRequest Request,
    TrainingDataset? Data,
    ResolvedHyperparameters? Settings,
    int Steps,
    double EstimatedSeconds,
    long EstimatedMemoryBytes,
    IReadOnlyList<TrainingDataException> Errors);
