namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>
/// How long a <c>PackageAdapter</c> is retried through a passing fault (S3 unreachable, the broker away), bound from
/// <c>Packaging</c>. Waits start at a second and double up to <see cref="RetryMaxInterval"/>: by default about eleven
/// minutes in all, so an S3 outage of several minutes costs time, not the job.
/// </summary>
public sealed class PackagingRetryOptions
{
    public const string Section = "Packaging";

    public int RetryLimit { get; set; } = 16;

    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromMinutes(1);
}
