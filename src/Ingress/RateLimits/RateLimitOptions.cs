namespace AdapterPipeline.Ingress.RateLimits;

/// <summary>Token buckets per caller, one per kind of request (section <c>RateLimits</c>). Generous by default.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>GET and HEAD.</summary>
    public TokenBucket Reads { get; set; } = new() { TokenLimit = 1000, TokensPerPeriod = 100, Period = TimeSpan.FromSeconds(1) };

    /// <summary>Uploads and every other change.</summary>
    public TokenBucket Writes { get; set; } = new() { TokenLimit = 500, TokensPerPeriod = 50, Period = TimeSpan.FromSeconds(1) };

    /// <summary>Starting work: train and create.</summary>
    public TokenBucket Jobs { get; set; } = new() { TokenLimit = 100, TokensPerPeriod = 10, Period = TimeSpan.FromSeconds(1) };
}

public sealed class TokenBucket
{
    /// <summary>The burst: requests allowed at once.</summary>
    public int TokenLimit { get; set; }

    /// <summary>Requests given back every <see cref="Period"/>.</summary>
    public int TokensPerPeriod { get; set; }

    public TimeSpan Period { get; set; }
}
