namespace AdapterPipeline.TrainingWorker.Checkpoints;

public static class CheckpointServices
{
    /// <summary>Registers <see cref="JobCheckpoints"/> (options from <c>Training:Checkpoints</c>).</summary>
    public static IHostApplicationBuilder AddTrainingCheckpoints(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CheckpointOptions>().BindConfiguration(CheckpointOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<JobCheckpoints>();
        return builder;
    }
}
