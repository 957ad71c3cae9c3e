using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.Ingress.TrainingData;

public static class TrainingDataRegistration
{
    public static WebApplicationBuilder AddTrainingDataApi(this WebApplicationBuilder builder)
    {
        builder.AddTrainingDataRules();
        builder.Services.AddSingleton<TrainingFileUploader>();
        builder.Services.AddSingleton<PresignedUploads>();
        builder.Services.AddSingleton<TrainingPreviews>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
