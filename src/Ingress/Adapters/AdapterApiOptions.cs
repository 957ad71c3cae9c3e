namespace AdapterPipeline.Ingress.Adapters;

/// <summary>Bound from the <c>AdapterApi</c> section.</summary>
public sealed class AdapterApiOptions
{
    public const string Section = "AdapterApi";

    /// <summary>How long the ingress waits for the metadata service to answer a command or query.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long create (and a download that has to create) waits for the untrained adapter before answering 202.</summary>
    public TimeSpan CreateWaitTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the live event stream of a job polls its state.</summary>
    public TimeSpan EventStreamInterval { get; set; } = TimeSpan.FromSeconds(1);
}
