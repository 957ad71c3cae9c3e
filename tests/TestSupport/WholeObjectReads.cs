using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// Reads of an object the system may be rewriting. s3rver replaces an object's bytes and then its stored checksum (S3
/// swaps both at once), so a read racing a rewrite can fail its hash check or find the checksum half written (the SDK
/// then fails to parse it). Such a read is retried a few times, 100 ms apart, until it is whole; null means no such key.
/// </summary>
public static class WholeObjectReads
{
    private const int Attempts = 5;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public static Task<byte[]?> BytesAsync(ObjectStore store, string key) => WhileTornAsync(() => ReadAsync(store, key));

    public static async Task<string?> TextAsync(ObjectStore store, string key) =>
        await BytesAsync(store, key) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The object's JSON; a body that does not parse counts as a torn read.</summary>
    public static Task<JsonElement?> JsonAsync(ObjectStore store, string key) =>
        WhileTornAsync(async () => await ReadAsync(store, key) is { } bytes ? JsonDocument.Parse(bytes).RootElement.Clone() : (JsonElement?)null);

    public static Task<T?> JsonAsync<T>(ObjectStore store, string key) where T : class =>
        WhileTornAsync(async () => await ReadAsync(store, key) is { } bytes ? JsonSerializer.Deserialize<T>(bytes) : null);

    private static async Task<byte[]?> ReadAsync(ObjectStore store, string key)
    {
        using var response = await store.GetAsync(key, CancellationToken.None);
        if (response is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<T> WhileTornAsync<T>(Func<Task<T>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception ex) when (attempt < Attempts && ex is IOException or ArgumentException or JsonException or AmazonClientException or AmazonServiceException)
            {
                await Task.Delay(Pause);
            }
        }
    }
}
