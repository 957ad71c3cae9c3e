namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>A request that failed <see cref="TrainingRequestValidator"/>; <see cref="Errors"/> is keyed by field name.</summary>
public sealed class InvalidTrainingRequestException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The training request is invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors => errors;
}
