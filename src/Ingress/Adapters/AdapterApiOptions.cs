namespace AdapterPipeline.Ingress.Adapters;

/// <summary>Bound from the <c>AdapterApi</c> section.</summary>
public sealed class AdapterApiOptions
{
    public const string Section = "AdapterApi";

    /// <summary>How long create waits for the untrained adapter before answering 202.</summary>
    public TimeSpan CreateWaitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the live event stream of a job polls its state.</summary>
    public TimeSpan EventStreamInterval { get; set; } = TimeSpan.FromSeconds(1);
}
