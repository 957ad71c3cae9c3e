using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.ServiceDefaults.Storage;

/// <summary>Creates the configured bucket at start-up when <see cref="S3Options.CreateBucket"/> is set.</summary>
internal sealed partial class BucketInitializer(IAmazonS3 s3, IOptions<S3Options> options, ILogger<BucketInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bucket = options.Value.Bucket;
        if (!options.Value.CreateBucket)
        {
            return;
        }
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, cancellationToken);
            return;
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket")
        {
        }
        try
        {
            await s3.PutBucketAsync(bucket, cancellationToken);
            LogCreated(bucket);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another instance created it first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Created bucket {Bucket}")]
    private partial void LogCreated(string bucket);
}
