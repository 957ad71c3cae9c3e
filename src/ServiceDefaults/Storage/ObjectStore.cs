using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.ServiceDefaults.Storage;

/// <summary>
/// The project's one way to read and write objects. Uploads stream in fixed-size parts (memory stays at two parts
/// whatever the file size), hash as they go, and never use aws-chunked bodies, which some S3-compatible servers
/// store verbatim.
/// </summary>
public sealed class ObjectStore(IAmazonS3 s3, IOptions<S3Options> options)
{
    /// <summary>S3's minimum part size is 5 MiB; 8 MiB keeps the part count low for gigabyte files.</summary>
    public const int PartSize = 8 * 1024 * 1024;

    /// <summary>Parts of one upload being sent at once: one sends while the next fills, and memory stays at two parts.</summary>
    public const int PartsInFlight = 2;

    public string Bucket => options.Value.Bucket;

    public Task<StoredObject> UploadAsync(string key, Stream content, string contentType, CancellationToken ct) =>
        UploadAsync(key, content, contentType, metadata: null, ct);

    /// <summary>
    /// As <see cref="UploadAsync(string, Stream, string, CancellationToken)"/>, with user metadata stored as
    /// <c>x-amz-meta-{name}</c> headers (read back through <see cref="HeadAsync"/>).
    /// </summary>
    public async Task<StoredObject> UploadAsync(
        string key, Stream content, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var first = await FillAsync(content, buffer, ct);
            sha.AppendData(buffer, 0, first);
            if (first < PartSize)
            {
                await PutAsync(key, buffer, first, contentType, metadata, ct);
                return new StoredObject(key, first, Convert.ToHexStringLower(sha.GetHashAndReset()));
            }
            return await UploadPartsAsync(key, content, contentType, metadata, buffer, first, sha, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The next part fills from <paramref name="content"/> while the previous one uploads, so reading and sending
    /// overlap; at most <see cref="PartsInFlight"/> part buffers exist per upload, rented from the shared pool.
    /// </summary>
    private async Task<StoredObject> UploadPartsAsync(
        string key, Stream content, string contentType, IReadOnlyDictionary<string, string>? metadata, byte[] first, int firstLength, IncrementalHash sha, CancellationToken ct)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = Bucket, Key = key, ContentType = contentType };
        AddMetadata(initiate.Metadata, metadata);
        var upload = await s3.InitiateMultipartUploadAsync(initiate, ct);
        var parts = new List<PartETag>();
        var inFlight = new Queue<(Task<PartETag> Part, byte[] Buffer)>();
        var rented = new List<byte[]>();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long total = 0;
        try
        {
            var (buffer, length) = (first, firstLength);
            while (length > 0)
            {
                inFlight.Enqueue((UploadPartAsync(key, upload.UploadId, parts.Count + inFlight.Count + 1, buffer, length, failed.Token), buffer));
                total += length;
                if (inFlight.Count < PartsInFlight)
                {
                    buffer = ArrayPool<byte>.Shared.Rent(PartSize);
                    rented.Add(buffer);
                }
                else
                {
                    var (part, done) = inFlight.Dequeue();
                    parts.Add(await part);
                    buffer = done;
                }
                length = await FillAsync(content, buffer, ct);
                sha.AppendData(buffer, 0, length);
            }
            while (inFlight.Count > 0)
            {
                parts.Add(await inFlight.Dequeue().Part);
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
            }, ct);
            return new StoredObject(key, total, Convert.ToHexStringLower(sha.GetHashAndReset()));
        }
        catch
        {
            // No buffer goes back to the pool while a request may still be sending from it.
            await failed.CancelAsync();
            try
            {
                await Task.WhenAll(inFlight.Select(f => f.Part));
            }
            catch (Exception)
            {
                // Cancelled or failed alongside the first failure, which is the one rethrown.
            }
            await AbortAsync(key, upload.UploadId);
            throw;
        }
        finally
        {
            rented.ForEach(b => ArrayPool<byte>.Shared.Return(b));
        }
    }

    /// <summary>
    /// Best effort, so the failure that stopped the upload is the one reported: an upload never completed stores no
    /// object, and some S3-compatible servers (s3rver) refuse the abort itself.
    /// </summary>
    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(Bucket, key, uploadId, CancellationToken.None);
        }
        catch (AmazonS3Exception)
        {
        }
    }

    private async Task<PartETag> UploadPartAsync(string key, string uploadId, int number, byte[] buffer, int length, CancellationToken ct)
    {
        var part = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = Bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = number,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            PartSize = length,
            UseChunkEncoding = false,
        }, ct);
        return new PartETag(number, part.ETag);
    }

    private Task PutAsync(string key, byte[] buffer, int length, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            ContentType = contentType,
            UseChunkEncoding = false,
        };
        AddMetadata(request.Metadata, metadata);
        return s3.PutObjectAsync(request, ct);
    }

    private static void AddMetadata(MetadataCollection target, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            target[name] = value;
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken ct) =>
        s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = new MemoryStream(content.ToArray(), writable: false),
            ContentType = contentType,
            UseChunkEncoding = false,
        }, ct);

    /// <summary>The object's content, or null when there is no such key.</summary>
    public Task<GetObjectResponse?> GetAsync(string key, CancellationToken ct) =>
        OrNullWhenMissingAsync(key, () => s3.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, ct), ct);

    /// <summary>Bytes <paramref name="first"/> to <paramref name="last"/> (inclusive) of the object, or null when there is no such key.</summary>
    public async Task<byte[]?> ReadRangeAsync(string key, long first, long last, CancellationToken ct)
    {
        using var response = await OrNullWhenMissingAsync(key, () => s3.GetObjectAsync(
            new GetObjectRequest { BucketName = Bucket, Key = key, ByteRange = new ByteRange(first, last) }, ct), ct);
        if (response is null)
        {
            return null;
        }
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes, ct);
        return bytes.ToArray();
    }

    /// <summary>The object's metadata, or null when there is no such key.</summary>
    public Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken ct) =>
        OrNullWhenMissingAsync(key, () => s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Bucket, Key = key }, ct), ct);

    /// <summary>
    /// S3 and MinIO answer a read of a missing key with 404 only to a user who may list the bucket there, and with 403
    /// to others. Each service may list exactly the key patterns it reads (deploy/minio), so after a 403 a listing with
    /// the key as prefix tells a missing key (null) from a refused read (the 403 is rethrown).
    /// </summary>
    private async Task<T?> OrNullWhenMissingAsync<T>(string key, Func<Task<T>> read, CancellationToken ct) where T : class
    {
        try
        {
            return await read();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            if (await IsListedAsync(key, ct) != false)
            {
                throw;
            }
            return null;
        }
    }

    /// <summary>Whether a listing shows the key; null when the listing is refused as well.</summary>
    private async Task<bool?> IsListedAsync(string key, CancellationToken ct)
    {
        try
        {
            // The key itself sorts first among the keys it prefixes.
            var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = key, MaxKeys = 1 }, ct);
            return listed.S3Objects?.Any(o => o.Key == key) == true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    /// <summary>
    /// Server-side copy (no bytes pass through this process) of an object up to 5 GiB, keeping its content type and
    /// metadata.
    /// </summary>
    public Task CopyAsync(string sourceKey, string destinationKey, CancellationToken ct) =>
        s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = Bucket,
            SourceKey = sourceKey,
            DestinationBucket = Bucket,
            DestinationKey = destinationKey,
        }, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => s3.DeleteObjectAsync(Bucket, key, ct);

    /// <summary>
    /// Deletes every object under the folder <paramref name="prefix"/> (ending with '/', see <see cref="StorageKeys.Folder"/>),
    /// a thousand keys per request.
    /// </summary>
    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken ct)
    {
        StorageKeys.Folder(prefix);
        var deleted = 0;
        var keys = new List<string>();
        await foreach (var obj in ListAsync(prefix, ct))
        {
            keys.Add(obj.Key);
        }
        foreach (var chunk in keys.Chunk(1000))
        {
            await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = Bucket,
                Objects = chunk.Select(k => new KeyVersion { Key = k }).ToList(),
            }, ct);
            deleted += chunk.Length;
        }
        return deleted;
    }

    public async IAsyncEnumerable<S3Object> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await s3.ListObjectsV2Async(request, ct);
            foreach (var obj in response.S3Objects ?? [])
            {
                yield return obj;
            }
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
    }

    public Task<string> PresignAsync(string key, HttpVerb verb, TimeSpan lifetime, string? contentType = null) =>
        s3.GetPreSignedURLAsync(Presigned(key, verb, lifetime, contentType));

    /// <summary>
    /// A PUT URL whose signature covers <c>Content-Type</c> and <c>Content-Length</c>: a PUT that sends another type or
    /// another number of bytes does not match the signature and is refused by S3 (403 SignatureDoesNotMatch).
    /// </summary>
    public Task<string> PresignUploadAsync(string key, string contentType, long contentLength, TimeSpan lifetime)
    {
        var request = Presigned(key, HttpVerb.PUT, lifetime, contentType);
        request.Headers.ContentLength = contentLength;
        return s3.GetPreSignedURLAsync(request);
    }

    /// <summary>
    /// A GET URL whose answer is a download, never a page: <c>Content-Disposition: attachment</c> with the file's name and
    /// <c>application/octet-stream</c>, whatever the bytes hold (an uploaded .txt full of HTML included).
    /// </summary>
    public Task<string> PresignDownloadAsync(string key, string fileName, TimeSpan lifetime)
    {
        var request = Presigned(key, HttpVerb.GET, lifetime, null);
        request.ResponseHeaderOverrides.ContentDisposition = AttachmentDisposition.For(fileName);
        request.ResponseHeaderOverrides.ContentType = "application/octet-stream";
        return s3.GetPreSignedURLAsync(request);
    }

    private GetPreSignedUrlRequest Presigned(string key, HttpVerb verb, TimeSpan lifetime, string? contentType) => new()
    {
        BucketName = Bucket,
        Key = key,
        Verb = verb,
        Expires = DateTime.UtcNow.Add(lifetime),
        ContentType = contentType,
        Protocol = options.Value.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
    };

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < PartSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, PartSize - filled), ct);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return filled;
    }
}
