using System.Text.Json;
using Amazon.Runtime;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.TestSupport;

/// <summary>
/// Reads of an object the system may be rewriting. s3rver rewrites an object in place (S3 replaces it atomically), so a
/// read racing the rewrite can end early, or find the stored checksum half written (the SDK then fails to parse it).
/// Such a read answers null, as a missing object does; a test waits for the content it expects.
/// </summary>
public static class WholeObjectReads
{
    public static async Task<string?> TextAsync(ObjectStore store, string key)
    {
        try
        {
            using var response = await store.GetAsync(key, CancellationToken.None);
            return response is null ? null : await new StreamReader(response.ResponseStream).ReadToEndAsync();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or AmazonServiceException)
        {
            return null;
        }
    }

    /// <summary>The object's JSON; null while it is missing or not yet whole.</summary>
    public static async Task<JsonElement?> JsonAsync(ObjectStore store, string key)
    {
        if (await TextAsync(store, key) is not { } text)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
