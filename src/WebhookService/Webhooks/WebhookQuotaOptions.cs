using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// The quota this service enforces, bound from the <c>Quotas</c> section that the metadata service and the Ingress
/// read their quotas from too.
/// </summary>
public sealed class WebhookQuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>Subscriptions one user may hold.</summary>
    [Range(1, int.MaxValue)]
    public int WebhookSubscriptionsPerUser { get; set; } = 100;
}
