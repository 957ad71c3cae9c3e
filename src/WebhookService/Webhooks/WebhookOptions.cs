using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>How webhooks are sent, bound from the <c>Webhooks</c> section (e.g. <c>Webhooks__AllowLoopback</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// The PostgreSQL schema of the service's own tables (subscriptions, deliveries, job secrets), in the database of
    /// <c>ConnectionStrings:Postgres</c>. Read at start-up.
    /// </summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string Schema { get; set; } = "webhooks";

    /// <summary>Call URLs whose host resolves to a loopback address (127.0.0.0/8, ::1). Local set-ups and tests only.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Call URLs whose host resolves to a private network (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>After a secret is rotated, how long the old one keeps signing beside the new one (one signature each).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The delay before each attempt, the first one included; its length is the number of attempts. Null keeps
    /// <see cref="DefaultRetrySchedule"/>; a configured list replaces the default as a whole.
    /// </summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    /// <summary>How often the dispatcher looks for due deliveries when it found none.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the pending deliveries are counted for the backlog gauge: one count at a time, however often
    /// Prometheus scrapes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan BacklogRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due deliveries one instance claims and sends at a time.</summary>
    [Range(1, 200)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h: eight attempts over about 28 hours.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    public RetrySchedule EffectiveRetrySchedule => new(RetrySchedule is { Length: > 0 } ? RetrySchedule : DefaultRetrySchedule);

    /// <summary>
    /// How long a claimed delivery stays reserved for the instance sending it: longer than any attempt can take, so
    /// no other instance sends it meanwhile; after a crash it becomes due again once the lease runs out.
    /// </summary>
    public TimeSpan Lease => Timeout + TimeSpan.FromSeconds(30);
}
