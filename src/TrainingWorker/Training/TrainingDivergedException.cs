namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>The loss became NaN or infinite: the adapter is useless and is not packaged.</summary>
public sealed class TrainingDivergedException(int step, double loss)
    : Exception($"Training diverged: the loss was {loss} at step {step}; lower learning_rate and train again.")
{
    public int Step => step;
}
