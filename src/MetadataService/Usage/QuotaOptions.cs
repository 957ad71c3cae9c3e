using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.MetadataService.Usage;

/// <summary>
/// The per-user quotas this service enforces, bound from the <c>Quotas</c> section (the webhook service and the
/// Ingress read their own quotas from the same section). Generous by default.
/// </summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>Jobs (training or creation) queued or running at once across the user's avatars.</summary>
    [Range(1, int.MaxValue)]
    public int ConcurrentJobsPerUser { get; set; } = 10;

    /// <summary>Bytes of training files of one avatar.</summary>
    [Range(1, long.MaxValue)]
    public long TrainingBytesPerAvatar { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Bytes of training files across the user's avatars.</summary>
    [Range(1, long.MaxValue)]
    public long TrainingBytesPerUser { get; set; } = 100L * 1024 * 1024 * 1024;

    /// <summary>Training files of one avatar.</summary>
    [Range(1, int.MaxValue)]
    public int FilesPerAvatar { get; set; } = 10_000;

    /// <summary>Avatars in use: with training files, an adapter or a job.</summary>
    [Range(1, int.MaxValue)]
    public int AvatarsPerUser { get; set; } = 1_000;
}
