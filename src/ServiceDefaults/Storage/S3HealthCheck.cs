using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.ServiceDefaults.Storage;

/// <summary>Lists at most one key of the configured bucket.</summary>
public sealed class S3HealthCheck(IAmazonS3 s3, IOptions<S3Options> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Value.Bucket, MaxKeys = 1 }, cancellationToken);
            return HealthCheckResult.Healthy($"bucket {options.Value.Bucket} listed");
        }
        catch (Exception ex) when (ex is AmazonS3Exception or HttpRequestException or TaskCanceledException or Amazon.Runtime.AmazonClientException)
        {
            return HealthCheckResult.Unhealthy($"bucket {options.Value.Bucket} could not be listed", ex);
        }
    }
}
