namespace AdapterPipeline.Ingress.Inference;

public static class InferenceRegistration
{
    public static WebApplicationBuilder AddInferenceApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section);
        // Replies stream for as long as decoding takes; the client's disconnect, not a timeout, ends them.
        builder.Services.AddHttpClient(InferenceModule.Client, c => c.Timeout = Timeout.InfiniteTimeSpan);
        return builder;
    }
}
