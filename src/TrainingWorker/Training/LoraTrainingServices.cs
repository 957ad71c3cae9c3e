using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TrainingWorker.Compute;

namespace AdapterPipeline.TrainingWorker.Training;

public static class LoraTrainingServices
{
    /// <summary>Registers <see cref="IAdapterTrainer"/> and the base model registry (base model and compute options from the <c>Training</c> section).</summary>
    public static IHostApplicationBuilder AddLoraTraining(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BaseModelOptions>().BindConfiguration(BaseModelOptions.Section);
        builder.Services.AddOptions<ComputeOptions>().BindConfiguration(ComputeOptions.Section);
        builder.Services.AddSingleton(sp => new S3BaseModelDownloader(sp.GetRequiredService<ObjectStore>()));
        builder.Services.AddSingleton<BaseModelRegistry>();
        builder.Services.AddSingleton<TrainingThroughput>();
        builder.Services.AddSingleton<IAdapterTrainer, AdapterTrainer>();
        return builder;
    }
}
