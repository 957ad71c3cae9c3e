using System.ComponentModel.DataAnnotations;

namespace AdapterPipeline.ServiceDefaults.Storage;

/// <summary>Object storage, bound from the <c>S3</c> section (e.g. <c>S3__ServiceUrl</c>).</summary>
public sealed class S3Options
{
    public const string Section = "S3";

    /// <summary>Endpoint of an S3-compatible server (MinIO, s3rver); empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    [Required] public string Region { get; set; } = "us-east-1";
    [Required] public string Bucket { get; set; } = "adapter-pipeline";

    /// <summary>Static credentials; when empty the SDK's default chain (environment, profile, instance role) is used.</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }

    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Create the bucket at start-up when it does not exist (local and test set-ups).</summary>
    public bool CreateBucket { get; set; }
}
