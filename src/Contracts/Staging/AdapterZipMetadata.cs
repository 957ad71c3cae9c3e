namespace AdapterPipeline.Contracts.Staging;

/// <summary>
/// Object metadata the packaging worker stores on an adapter ZIP (sent as <c>x-amz-meta-{name}</c>), by which a
/// redelivery and the training saga recognise the job that stored it.
/// </summary>
public static class AdapterZipMetadata
{
    /// <summary>The job that stored the ZIP, as 32 hex digits (<c>Guid.ToString("N")</c>).</summary>
    public const string JobId = "job-id";

    /// <summary>Lowercase hex SHA-256 of the ZIP.</summary>
    public const string Sha256 = "sha256";
}
