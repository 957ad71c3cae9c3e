namespace AdapterPipeline.MetadataService.Staging;

public static class StagingRegistration
{
    public static IServiceCollection AddStagingSweep(this IServiceCollection services)
    {
        services.AddOptions<StagingSweepOptions>().BindConfiguration(StagingSweepOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StagingSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<StagingSweeper>());
        return services;
    }
}
