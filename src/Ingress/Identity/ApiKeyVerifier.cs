using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// Decides whether a bearer token is a usable API key: the bootstrap key from configuration or an issued key that is
/// neither revoked nor expired. Lookups are cached for <see cref="AuthOptions.KeyCacheLifetime"/> (at most 5 s).
/// </summary>
public sealed class ApiKeyVerifier(
    ApiKeyStore store, IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider clock, ILogger<ApiKeyVerifier> logger)
{
    public const string BootstrapKeyId = "bootstrap";
    private static readonly TimeSpan MaxCacheLifetime = TimeSpan.FromSeconds(5);

    private readonly byte[]? bootstrapHash = HashOf(options.Value.BootstrapKeyHash);
    private readonly ConcurrentDictionary<string, DateTimeOffset> usesWritten = new();

    public async Task<Caller?> VerifyAsync(string token, CancellationToken ct)
    {
        if (bootstrapHash is not null && ApiKeyToken.Matches(token, bootstrapHash))
        {
            return new Caller(BootstrapKeyId, null, false);
        }
        if (ApiKeyToken.KeyIdOf(token) is not { } keyId)
        {
            return null;
        }
        var key = await LookUpAsync(keyId, ct);
        var now = clock.GetUtcNow();
        if (key is null || !ApiKeyToken.Matches(token, key.Hash) || !key.IsUsableAt(now))
        {
            return null;
        }
        await RecordUseAsync(keyId, now, ct);
        return key.ToCaller();
    }

    /// <summary>Drops a cached lookup at once, so this instance refuses a key it just revoked.</summary>
    public void Forget(string keyId) => cache.Remove(CacheKey(keyId));

    private async Task<StoredApiKey?> LookUpAsync(string keyId, CancellationToken ct) =>
        await cache.GetOrCreateAsync(CacheKey(keyId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.KeyCacheLifetime < MaxCacheLifetime ? options.Value.KeyCacheLifetime : MaxCacheLifetime;
            return store.FindAsync(keyId, ct);
        });

    private async Task RecordUseAsync(string keyId, DateTimeOffset now, CancellationToken ct)
    {
        if (usesWritten.TryGetValue(keyId, out var last) && now - last < options.Value.LastUsedWriteInterval)
        {
            return;
        }
        usesWritten[keyId] = now;
        try
        {
            await store.RecordUseAsync(keyId, now, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The key is valid; a lost last_used_at write must not refuse the request.
            logger.LogWarning(e, "Could not record the use of API key {KeyId}", keyId);
        }
    }

    private static string CacheKey(string keyId) => $"api-key:{keyId}";

    private static byte[]? HashOf(string? hex)
    {
        if (string.IsNullOrWhiteSpace(hex))
        {
            return null;
        }
        var hash = Convert.FromHexString(hex.Trim());
        return hash.Length == SHA256.HashSizeInBytes
            ? hash
            : throw new InvalidOperationException("Auth:BootstrapKeyHash must be the hex SHA-256 of the bootstrap key (64 hex digits).");
    }
}
