namespace AdapterPipeline.MetadataService.Usage;

public static class UsageRegistration
{
    public static IServiceCollection AddUsageServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuotaOptions>().Bind(configuration.GetSection(QuotaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UserLock>();
        return services;
    }
}
