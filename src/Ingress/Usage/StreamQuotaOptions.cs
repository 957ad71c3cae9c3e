using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.Ingress.Usage;

/// <summary>
/// The quota the Ingress enforces itself, bound from the <c>Quotas</c> section that the metadata and webhook services
/// read their quotas from too.
/// </summary>
public sealed class StreamQuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>Live job event streams open at once for one user's jobs, per Ingress instance.</summary>
    [Range(1, int.MaxValue)]
    public int OpenEventStreamsPerUser { get; set; } = 20;
}
