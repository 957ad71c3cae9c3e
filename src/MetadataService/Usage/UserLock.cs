using Medallion.Threading.Postgres;
using Npgsql;

namespace AdapterPipeline.MetadataService.Usage;

/// <summary>
/// Serialises the changes that grow a user's usage (recording files, starting jobs) across avatars and instances, so
/// a quota decided from a <see cref="UserUsageSnapshot"/> holds when the change commits. Taken before an avatar's
/// lock, never inside one; changes that only shrink usage do not take it.
/// </summary>
public sealed class UserLock(NpgsqlDataSource dataSource)
{
    public async Task<IAsyncDisposable> AcquireAsync(string userId, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var userLock = new PostgresDistributedLock(new PostgresAdvisoryLockKey($"user:{userId}", allowHashing: true), connection);
            return new Held(await userLock.AcquireAsync(cancellationToken: ct), connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(IAsyncDisposable handle, NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await handle.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
