using System.Security.Cryptography;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using Amazon.S3;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage;

public sealed class When_objects_are_stored_in_s3(IsolatedInfrastructure infrastructure) : IClassFixture<IsolatedInfrastructure>
{
    private readonly ObjectStore store = infrastructure.CreateObjectStore();

    [Theory]
    [InlineData(1)]
    [InlineData(64 * 1024)]
    [InlineData(ObjectStore.PartSize * 2 + 12345)] // multipart: three parts
    public async Task Should_read_back_the_same_bytes_and_hash(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        var key = $"roundtrip/{Guid.NewGuid():N}.bin";

        var stored = await store.UploadAsync(key, new NonSeekableStream(bytes), "application/octet-stream", CancellationToken.None);

        Assert.Equal(size, stored.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        using var response = await store.GetAsync(key, CancellationToken.None);
        Assert.NotNull(response);
        using var read = new MemoryStream();
        await response.ResponseStream.CopyToAsync(read);
        Assert.Equal(stored.Sha256, Convert.ToHexStringLower(SHA256.HashData(read.ToArray())));
    }

    [Theory]
    [InlineData(ObjectStore.PartSize + 100)] // fails while the first part may still be sending
    [InlineData(ObjectStore.PartSize * 3 + 100)] // fails with parts already stored
    public async Task Should_store_nothing_when_the_content_fails_part_way(int failAt)
    {
        var bytes = RandomNumberGenerator.GetBytes(ObjectStore.PartSize * 4);
        var key = $"failed/{Guid.NewGuid():N}.bin";

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            store.UploadAsync(key, new NonSeekableStream(bytes, failAt), "application/octet-stream", CancellationToken.None));

        Assert.Null(await store.HeadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Should_list_and_delete_by_prefix()
    {
        var prefix = $"listing/{Guid.NewGuid():N}/";
        foreach (var name in new[] { "a.txt", "b.txt", "c/d.txt" })
        {
            await store.PutAsync(prefix + name, "x"u8.ToArray(), "text/plain", CancellationToken.None);
        }

        var listed = await store.ListAsync(prefix, CancellationToken.None).Select(o => o.Key[prefix.Length..]).ToListAsync();
        Assert.Equal(["a.txt", "b.txt", "c/d.txt"], listed.Order());

        Assert.Equal(3, await store.DeletePrefixAsync(prefix, CancellationToken.None));
        Assert.Empty(await store.ListAsync(prefix, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Should_delete_a_job_folder_without_touching_a_sibling_whose_name_it_prefixes()
    {
        var jobs = $"deletes/{Guid.NewGuid():N}/jobs/";
        await store.PutAsync(jobs + "1/a.txt", "x"u8.ToArray(), "text/plain", CancellationToken.None);
        await store.PutAsync(jobs + "10/a.txt", "x"u8.ToArray(), "text/plain", CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => store.DeletePrefixAsync(jobs + "1", CancellationToken.None));
        Assert.Equal(1, await store.DeletePrefixAsync(jobs + "1/", CancellationToken.None));

        Assert.Equal([jobs + "10/a.txt"], await store.ListAsync(jobs, CancellationToken.None).Select(o => o.Key).ToListAsync());
    }

    [Fact]
    public async Task Should_page_listings_beyond_one_response()
    {
        var prefix = $"paging/{Guid.NewGuid():N}/";
        await Task.WhenAll(Enumerable.Range(0, 1005).Select(i =>
            store.PutAsync($"{prefix}{i:D5}", "x"u8.ToArray(), "text/plain", CancellationToken.None)));

        Assert.Equal(1005, await store.ListAsync(prefix, CancellationToken.None).CountAsync());
    }

    [Fact]
    public async Task Should_answer_null_for_a_missing_key()
    {
        Assert.Null(await store.GetAsync($"missing/{Guid.NewGuid():N}", CancellationToken.None));
        Assert.Null(await store.HeadAsync($"missing/{Guid.NewGuid():N}", CancellationToken.None));
    }

    [Fact]
    public async Task Should_serve_a_presigned_get_to_a_plain_http_client()
    {
        var key = $"presigned/{Guid.NewGuid():N}.txt";
        await store.PutAsync(key, "hello, avatar"u8.ToArray(), "text/plain", CancellationToken.None);

        var url = await store.PresignAsync(key, HttpVerb.GET, TimeSpan.FromMinutes(5));

        using var http = new HttpClient();
        Assert.Equal("hello, avatar", await http.GetStringAsync(url));
    }

    [Fact]
    public async Task Should_accept_a_presigned_put_from_a_plain_http_client()
    {
        var key = $"presigned/{Guid.NewGuid():N}.txt";
        var url = await store.PresignAsync(key, HttpVerb.PUT, TimeSpan.FromMinutes(5));

        using var http = new HttpClient();
        using var put = await http.PutAsync(url, new ByteArrayContent("uploaded directly"u8.ToArray()));
        put.EnsureSuccessStatusCode();

        using var response = await store.GetAsync(key, CancellationToken.None);
        using var reader = new StreamReader(response!.ResponseStream);
        Assert.Equal("uploaded directly", await reader.ReadToEndAsync());
    }

    /// <summary>Request bodies are not seekable; the store must not rely on Length or Seek.</summary>
    /// <summary>Content that can only be read forward; with <c>failAt</c>, a read past that byte fails as a bad body would.</summary>
    private sealed class NonSeekableStream(byte[] bytes, int failAt = int.MaxValue) : MemoryStream(bytes)
    {
        private int read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer[..Math.Min(buffer.Length, 64 * 1024)], cancellationToken);
            read += n;
            return read > failAt ? throw new InvalidDataException("the body is malformed") : n;
        }

        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
