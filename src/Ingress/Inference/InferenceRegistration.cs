using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdapterPipeline.Ingress.Inference;

public static class InferenceRegistration
{
    public static WebApplicationBuilder AddInferenceApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenQuota>();
        // Replies stream for as long as decoding takes; the client's disconnect, not a timeout, ends them.
        builder.Services.AddHttpClient(InferenceModule.Client, c => c.Timeout = Timeout.InfiniteTimeSpan);
        return builder;
    }
}
