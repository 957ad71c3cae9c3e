using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.MetadataService.Staging;

/// <summary>The sweep of abandoned presigned uploads, bound from the <c>StagingSweep</c> section (e.g. <c>StagingSweep__Interval</c>).</summary>
public sealed class StagingSweepOptions
{
    public const string Section = "StagingSweep";

    /// <summary>How often the bucket is swept; the first sweep runs one interval after start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after its upload URL expired a staged object is still left alone: a client that PUT just before the
    /// expiry has this long to confirm. The age that makes an upload abandoned is
    /// <c>TrainingData:UploadUrlLifetime</c> plus this grace, counted from the object's last modification.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromHours(1);
}
