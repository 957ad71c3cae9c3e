namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>
/// A request as MinIO authorizes it: one action on one resource ARN, with the condition keys the request carries
/// (absent keys are simply not in <see cref="Context"/>).
/// </summary>
public sealed record S3Request(string Action, string Resource, IReadOnlyDictionary<string, string> Context)
{
    public const string Bucket = "adapter-pipeline";

    public static S3Request OnObject(string action, string key) => new(action, $"arn:aws:s3:::{Bucket}/{key}", new Dictionary<string, string>());

    public static S3Request OnBucket(string action) => new(action, $"arn:aws:s3:::{Bucket}", new Dictionary<string, string>());

    /// <summary>A ListObjects request; a null <paramref name="prefix"/> or <paramref name="maxKeys"/> is absent from the query.</summary>
    public static S3Request List(string? prefix, int? maxKeys)
    {
        var context = new Dictionary<string, string>();
        if (prefix is not null) context["s3:prefix"] = prefix;
        if (maxKeys is { } n) context["s3:max-keys"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return OnBucket("s3:ListBucket") with { Context = context };
    }
}
