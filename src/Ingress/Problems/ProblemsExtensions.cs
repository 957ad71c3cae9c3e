namespace AdapterPipeline.Ingress.Problems;

public static class ProblemsExtensions
{
    /// <summary>Problem details for every refusal, through <see cref="ProblemMapping"/>, and the one bus client that raises them.</summary>
    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.AddSingleton<ServiceRequests>();
        // Binding failures (malformed JSON, bad query values) throw, so they reach the one mapping instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
