namespace AdapterPipeline.Contracts.Training;

/// <summary>Event: the adapter files of a job are in the job's staging folder (see <see cref="StartTraining"/>).</summary>
/// <param name="JobId">The job.</param>
/// <param name="BaseModel">The base model it adapts.</param>
/// <param name="Trained">False for an untrained (B = 0) adapter.</param>
/// <param name="Metrics">Headline metrics; null when untrained.</param>
/// <param name="TrainingSeconds">The worker's own time on the job (download, training, upload).</param>
public sealed record AdapterTrained(
    Guid JobId,
    string BaseModel,
    bool Trained,
    Adapters.TrainingMetricsSummary? Metrics,
    double TrainingSeconds);
