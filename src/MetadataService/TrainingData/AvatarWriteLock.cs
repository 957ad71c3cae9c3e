using Npgsql;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// A PostgreSQL session advisory lock per avatar, held from deciding a change until metadata.json is rewritten, so
/// every instance of the service writes metadata.json in commit order and the last write is always the latest state.
/// Appends made without it (e.g. adapter events) are still guarded by the stream's optimistic version check.
/// </summary>
public sealed class AvatarWriteLock : IAsyncDisposable
{
    /// <summary>First key of the two-key advisory lock: "APTD", so other advisory locks in the database never collide.</summary>
    private const int LockSpace = 0x41505444;

    private readonly NpgsqlConnection connection;
    private readonly string streamId;

    private AvatarWriteLock(NpgsqlConnection connection, string streamId)
    {
        this.connection = connection;
        this.streamId = streamId;
    }

    public static async Task<AvatarWriteLock> AcquireAsync(NpgsqlDataSource dataSource, string streamId, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1, hashtext($2))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = LockSpace });
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            await command.ExecuteNonQueryAsync(ct);
            return new AvatarWriteLock(connection, streamId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, hashtext($2))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = LockSpace });
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            // Closing the session releases the lock too, should the unlock itself have failed.
            await connection.DisposeAsync();
        }
    }
}
