namespace AdapterPipeline.Ingress.Usage;

public static class UsageRegistration
{
    public static WebApplicationBuilder AddUsageApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StreamQuotaOptions>().Bind(builder.Configuration.GetSection(StreamQuotaOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OpenEventStreams>();
        return builder;
    }
}
