namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

// Inside the namespace, so that Ingress names the user, not the AdapterPipeline.Ingress namespace.
using static S3Users;

/// <summary>The refusals that matter: what a compromised service still cannot do (deploy/minio/README.md).</summary>
public sealed class When_a_service_oversteps_its_rights
{
    private static readonly string[] Writes = ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"];

    public static TheoryData<string, string> ServicesAndWrites() => Cases(All.SelectMany(s => Writes.Select(w => (s, w))));

    public static TheoryData<string> Services() => new(All);

    public static TheoryData<string, string> JobFolderRequests() => new()
    {
        { "s3:GetObject", "staged adapter file" },
        { "s3:PutObject", "staged adapter file" },
        { "s3:DeleteObject", "staged adapter file" },
        { "s3:AbortMultipartUpload", "staged adapter file" },
        { "s3:GetObject", "job checkpoint" },
        { "s3:PutObject", "job checkpoint" },
        { "s3:DeleteObject", "job checkpoint" },
    };

    public static TheoryData<string, string> InferenceWorkerWrites() => Cases(SampleKeys.Objects.SelectMany(k => Writes.Select(w => (w, k))));

    /// <summary>Listings no statement was meant for: a prefix outside the allowed ones, or the readiness form asking for more.</summary>
    private static readonly (string Listing, string? Prefix, int? MaxKeys)[] StrayListings =
    [
        ("no prefix, 1000 keys", null, 1000),
        ("empty prefix, 1000 keys", "", 1000),
        ("no prefix, no max-keys", null, null),
        ("empty prefix, 2 keys", "", 2),
        ("one user's folder", SampleKeys.Prefix("one user"), null),
        ("an avatar's folder", SampleKeys.Prefix("avatar folder"), null),
        ("an avatar's staging folder", SampleKeys.Prefix("staging folder"), null),
        ("a bucket-wide prefix", "u", 1),
        ("another top-level folder", "secrets/", null),
    ];

    public static TheoryData<string, string, string?, int?> UnconditionedListings()
    {
        var cases = new TheoryData<string, string, string?, int?>();
        foreach (var service in All)
        foreach (var (listing, prefix, maxKeys) in StrayListings)
        {
            cases.Add(service, listing, prefix, maxKeys);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(ServicesAndWrites))]
    public void Should_not_write_base_models(string service, string action) =>
        Assert.False(ServicePolicies.Of(service).Allows(S3Request.OnObject(action, SampleKeys.Object("base model file"))));

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_not_create_a_bucket(string service)
    {
        Assert.False(ServicePolicies.Of(service).Allows(S3Request.OnBucket("s3:CreateBucket")));
        Assert.False(ServicePolicies.Of(service).Allows(S3Request.OnBucket("s3:DeleteBucket")));
    }

    [Theory]
    [MemberData(nameof(JobFolderRequests))]
    public void Should_keep_the_ingress_out_of_job_folders(string action, string key) =>
        Assert.False(ServicePolicies.Of(Ingress).Allows(S3Request.OnObject(action, SampleKeys.Object(key))));

    [Theory]
    [InlineData("staged adapter file")]
    [InlineData("job checkpoint")]
    public void Should_keep_the_metadata_service_from_reading_job_folders(string key) =>
        Assert.False(ServicePolicies.Of(MetadataService).Allows(S3Request.OnObject("s3:GetObject", SampleKeys.Object(key))));

    [Fact]
    public void Should_keep_the_ingress_from_listing_job_folders() =>
        Assert.False(ServicePolicies.Of(Ingress).Allows(S3Request.List(SampleKeys.Prefix("job folder"), maxKeys: null)));

    [Theory]
    [InlineData("s3:DeleteObject", "training file")]
    [InlineData("s3:PutObject", "training file")]
    [InlineData("s3:PutObject", "adapter ZIP")]
    [InlineData("s3:DeleteObject", "adapter ZIP")]
    [InlineData("s3:DeleteObject", "staged adapter file")]
    public void Should_not_let_the_training_worker_remove_training_data_or_write_zips(string action, string key) =>
        Assert.False(ServicePolicies.Of(TrainingWorker).Allows(S3Request.OnObject(action, SampleKeys.Object(key))));

    [Theory]
    [InlineData("s3:PutObject", "training file")]
    [InlineData("s3:DeleteObject", "training file")]
    [InlineData("s3:PutObject", "staged adapter file")]
    [InlineData("s3:PutObject", "adapter pointer")]
    [InlineData("s3:DeleteObject", "adapter ZIP")]
    public void Should_not_let_the_packaging_worker_write_training_data_or_adapter_state(string action, string key) =>
        Assert.False(ServicePolicies.Of(PackagingWorker).Allows(S3Request.OnObject(action, SampleKeys.Object(key))));

    [Theory]
    [MemberData(nameof(InferenceWorkerWrites))]
    public void Should_not_let_the_inference_worker_write_anything(string action, string key) =>
        Assert.False(ServicePolicies.Of(InferenceWorker).Allows(S3Request.OnObject(action, SampleKeys.Object(key))));

    [Theory]
    [MemberData(nameof(UnconditionedListings))]
    public void Should_refuse_a_listing_outside_its_folders(string service, string listing, string? prefix, int? maxKeys)
    {
        Assert.False(ServicePolicies.Of(service).Allows(S3Request.List(prefix, maxKeys)), $"{service} may list {listing}");
    }

    private static TheoryData<string, string> Cases(IEnumerable<(string, string)> cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var (a, b) in cases) data.Add(a, b);
        return data;
    }
}
