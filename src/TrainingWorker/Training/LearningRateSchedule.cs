namespace AdapterPipeline.TrainingWorker.Training;

public enum LearningRateSchedule
{
    Cosine,
    Linear,
    Constant,
}

/// <summary>Linear warmup from zero, then the chosen decay to zero at the last step (as transformers' schedulers do).</summary>
public static class LearningRateScheduler
{
    public static double At(int step, int totalSteps, int warmupSteps, double peak, LearningRateSchedule schedule)
    {
        if (step < warmupSteps)
        {
            return peak * (step + 1) / warmupSteps;
        }
        var progress = totalSteps <= warmupSteps ? 1.0 : (double)(step - warmupSteps) / (totalSteps - warmupSteps);
        return schedule switch
        {
            LearningRateSchedule.Cosine => peak * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            LearningRateSchedule.Linear => peak * (1 - progress),
            _ => peak,
        };
    }
}
