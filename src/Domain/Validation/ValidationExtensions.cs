using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.Domain.Validation;

public static class ValidationExtensions
{
    /// <summary>The training-data limits (<see cref="TrainingDataOptions"/>) and the type rules built on them.</summary>
    public static IHostApplicationBuilder AddTrainingDataRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrainingDataOptions>()
            .BindConfiguration(TrainingDataOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.MaxUploadRequestBytes >= o.MaxFileBytes, "TrainingData:MaxUploadRequestBytes must be at least TrainingData:MaxFileBytes")
            .ValidateOnStart();
        builder.Services.AddSingleton<TrainingFileTypes>();
        return builder;
    }
}
