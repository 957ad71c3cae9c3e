using AdapterPipeline.ServiceDefaults.Health;
using Npgsql;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// Issued API keys in PostgreSQL (schema <c>ingress_identity</c>, created on first use), so every Ingress instance
/// sees the same keys and revocations.
/// </summary>
public sealed class ApiKeyStore(IConfiguration configuration) : IAsyncDisposable
{
    private readonly NpgsqlDataSource db = NpgsqlDataSource.Create(
        configuration.GetConnectionString(PostgresExtensions.ConnectionName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{PostgresExtensions.ConnectionName} is not configured."));

    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    private const string Columns = "key_id, secret_hash, user_id, read_only, created_at, expires_at, revoked_at, last_used_at";

    public async Task AddAsync(StoredApiKey key, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            $"INSERT INTO ingress_identity.api_keys ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL)", ct);
        command.Parameters.Add(new() { Value = key.KeyId });
        command.Parameters.Add(new() { Value = key.Hash });
        command.Parameters.Add(new() { Value = (object?)key.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = key.ReadOnly });
        command.Parameters.Add(new() { Value = key.CreatedAt.UtcDateTime });
        command.Parameters.Add(new() { Value = (object?)key.ExpiresAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<StoredApiKey?> FindAsync(string keyId, CancellationToken ct)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM ingress_identity.api_keys WHERE key_id = $1", ct);
        command.Parameters.Add(new() { Value = keyId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken ct)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM ingress_identity.api_keys ORDER BY created_at", ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<StoredApiKey>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add(Read(reader));
        }
        return keys;
    }

    /// <summary>Marks the key revoked (a second revocation keeps the first time); false when no such key was issued.</summary>
    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = await CommandAsync(
            "UPDATE ingress_identity.api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE key_id = $1", ct);
        command.Parameters.Add(new() { Value = keyId });
        command.Parameters.Add(new() { Value = at.UtcDateTime });
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task RecordUseAsync(string keyId, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = await CommandAsync("UPDATE ingress_identity.api_keys SET last_used_at = $2 WHERE key_id = $1", ct);
        command.Parameters.Add(new() { Value = keyId });
        command.Parameters.Add(new() { Value = at.UtcDateTime });
        await command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => db.DisposeAsync();

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken ct)
    {
        await EnsureCreatedAsync(ct);
        return db.CreateCommand(sql);
    }

    private static StoredApiKey Read(NpgsqlDataReader r) => new(
        r.GetString(0),
        (byte[])r[1],
        r.IsDBNull(2) ? null : r.GetString(2),
        r.GetBoolean(3),
        r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));

    /// <summary>Creates the table once per process; the advisory lock keeps instances starting together from racing.</summary>
    private async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (created)
        {
            return;
        }
        await creating.WaitAsync(ct);
        try
        {
            if (created)
            {
                return;
            }
            await using var connection = await db.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = new NpgsqlCommand("""
                SELECT pg_advisory_xact_lock(hashtext('ingress_identity'));
                CREATE SCHEMA IF NOT EXISTS ingress_identity;
                CREATE TABLE IF NOT EXISTS ingress_identity.api_keys (
                    key_id text PRIMARY KEY,
                    secret_hash bytea NOT NULL,
                    user_id text NULL,
                    read_only boolean NOT NULL,
                    created_at timestamptz NOT NULL,
                    expires_at timestamptz NULL,
                    revoked_at timestamptz NULL,
                    last_used_at timestamptz NULL);
                """, connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            created = true;
        }
        finally
        {
            creating.Release();
        }
    }
}
