using System.Net;
using AdapterPipeline.ServiceDefaults.Storage;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage;

/// <summary>
/// S3 and MinIO answer a read of a missing key with 403 to a user who may not list the bucket there; the local S3 server
/// never refuses, so these run against a client that answers as such a server would.
/// </summary>
public sealed class When_a_read_is_refused
{
    private const string Key = "users/u1/avatars/a1/system-prompt.json";

    [Fact]
    public async Task Should_answer_null_when_a_listing_shows_no_such_key()
    {
        var s3 = new RefusingS3(listed: ["users/u1/avatars/a1/system-prompt.json.old"]);
        var store = Store(s3);

        Assert.Null(await store.GetAsync(Key, CancellationToken.None));
        Assert.Null(await store.HeadAsync(Key, CancellationToken.None));
        Assert.All(s3.Listings, l => Assert.Equal((Key, 1), (l.Prefix, l.MaxKeys)));
    }

    [Fact]
    public async Task Should_rethrow_the_refusal_when_the_key_is_there()
    {
        var store = Store(new RefusingS3(listed: [Key]));

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.GetAsync(Key, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Should_rethrow_the_refusal_when_the_listing_is_refused_too()
    {
        var store = Store(new RefusingS3(listed: null));

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.HeadAsync(Key, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static ObjectStore Store(IAmazonS3 s3) => new(s3, Options.Create(new S3Options { Bucket = "adapter-pipeline" }));

    private static AmazonS3Exception Forbidden() =>
        new("Access Denied", ErrorType.Sender, "AccessDenied", "request-id", HttpStatusCode.Forbidden);

    /// <summary>Refuses every read; lists <c>listed</c>, or refuses the listing too when it is null.</summary>
    private sealed class RefusingS3(string[]? listed)
        : AmazonS3Client(new AnonymousAWSCredentials(), new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true })
    {
        public List<(string Prefix, int? MaxKeys)> Listings { get; } = [];

        public override Task<GetObjectResponse> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) =>
            throw Forbidden();

        public override Task<GetObjectMetadataResponse> GetObjectMetadataAsync(GetObjectMetadataRequest request, CancellationToken cancellationToken = default) =>
            throw Forbidden();

        public override Task<ListObjectsV2Response> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken cancellationToken = default)
        {
            Listings.Add((request.Prefix, request.MaxKeys));
            return listed is null
                ? throw Forbidden()
                : Task.FromResult(new ListObjectsV2Response
                {
                    S3Objects = [.. listed.Where(k => k.StartsWith(request.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                        .Take(request.MaxKeys ?? 1000).Select(k => new S3Object { Key = k })],
                });
        }
    }
}
