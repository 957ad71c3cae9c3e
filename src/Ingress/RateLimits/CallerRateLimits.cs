using System.Globalization;
using System.Threading.RateLimiting;
using AdapterPipeline.Ingress.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.RateLimits;

/// <summary>
/// The built-in rate limiter, partitioned by caller (key id or token subject, not IP) and by budget: reads,
/// writes/uploads, and jobs (train/create). Over budget: 429 problem details with <c>Retry-After</c>.
/// </summary>
public static class CallerRateLimits
{
    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (Caller.From(http.User) is not { } caller)
                {
                    return RateLimitPartition.GetNoLimiter("anonymous");
                }
                var (budget, bucket) = BudgetOf(http.Request, limits.Value);
                return RateLimitPartition.GetTokenBucketLimiter($"{caller.Id}|{budget}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = bucket.TokenLimit,
                    TokensPerPeriod = bucket.TokensPerPeriod,
                    ReplenishmentPeriod = bucket.Period,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease, limits.Value, ct);
        });
        return services;
    }

    public static (string Budget, TokenBucket Bucket) BudgetOf(HttpRequest request, RateLimitOptions limits)
    {
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            // GET /adapters/{u}/{a} creates the adapter of an avatar without one: it spends the jobs budget, as create does.
            return IsAdapterDownload(path) ? ("jobs", limits.Jobs) : ("reads", limits.Reads);
        }
        return path.EndsWith("/train", StringComparison.Ordinal) || path.EndsWith("/create", StringComparison.Ordinal)
            ? ("jobs", limits.Jobs)
            : ("writes", limits.Writes);
    }

    private static bool IsAdapterDownload(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["adapters", _, _];

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, RateLimitOptions limits, CancellationToken ct)
    {
        var (budget, bucket) = BudgetOf(http.Request, limits);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : bucket.Period;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"the {budget} budget ({bucket.TokenLimit} at once, {bucket.TokensPerPeriod} per {bucket.Period.TotalSeconds:0.###} s) is spent; retry after {seconds} s";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["rate_limit"] = [message] })
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = message,
            },
        });
    }
}
