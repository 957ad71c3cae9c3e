namespace AdapterPipeline.Ingress.Adapters;

public static class AdaptersRegistration
{
    public static WebApplicationBuilder AddAdapterApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdapterApiOptions>().BindConfiguration(AdapterApiOptions.Section);
        return builder;
    }
}
