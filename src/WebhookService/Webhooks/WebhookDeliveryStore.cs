using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// Deliveries in PostgreSQL (Marten documents), changed only under a row lock: the dispatcher claims due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so instances never claim the same attempt, and every later change (an attempt's
/// result, a redelivery) locks its row first, so none overwrites another.
/// </summary>
public sealed class WebhookDeliveryStore(IDocumentStore store, NpgsqlDataSource dataSource, IOptions<WebhookOptions> options)
{
    public const string Alias = "webhook_delivery";
    private readonly string table = $"{options.Value.Schema}.mt_doc_{Alias}";

    /// <summary>Reserves up to <paramref name="limit"/> due deliveries for <paramref name="token"/>, most overdue first.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(DateTimeOffset now, int limit, TimeSpan lease, Guid token, CancellationToken ct) =>
        InTransactionAsync<IReadOnlyList<WebhookDelivery>>(async session =>
        {
            var due = await session.QueryAsync<WebhookDelivery>(
                $"select data from {table} where next_attempt_at <= ? order by next_attempt_at limit ? for update skip locked", ct, now, limit);
            var claimed = due.Select(d => d.Claim(token, now, lease)).ToList();
            foreach (var delivery in claimed)
            {
                session.Store(delivery);
            }
            return claimed;
        }, ct);

    /// <summary>
    /// Applies <paramref name="change"/> to the delivery under its row lock (waiting for any other holder) and
    /// stores what it returns; a null return leaves the delivery as it is. Null when there is no such delivery.
    /// </summary>
    public Task<WebhookDelivery?> ChangeAsync(Guid id, Func<WebhookDelivery, IDocumentSession, Task<WebhookDelivery?>> change, CancellationToken ct) =>
        InTransactionAsync(async session =>
        {
            var found = await session.QueryAsync<WebhookDelivery>($"select data from {table} where id = ? for update", ct, id);
            if (found.Count == 0)
            {
                return null;
            }
            var changed = await change(found[0], session);
            if (changed is not null)
            {
                session.Store(changed);
            }
            return changed ?? found[0];
        }, ct);

    /// <summary>
    /// Deliveries still to be sent (pending, a claimed one included: only a finished one has no next attempt); none
    /// before the first delivery created the table.
    /// </summary>
    public async Task<long> CountPendingAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select count(*) from {table} where next_attempt_at is not null");
        try
        {
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Records new deliveries; one whose id exists already (the same event consumed again) is skipped.</summary>
    public async Task AddAsync(IReadOnlyList<WebhookDelivery> deliveries, CancellationToken ct)
    {
        if (deliveries.Count == 0)
        {
            return;
        }
        await using var session = store.LightweightSession();
        var existing = (await session.LoadManyAsync<WebhookDelivery>(ct, deliveries.Select(d => d.Id))).Select(d => d.Id).ToHashSet();
        var fresh = deliveries.Where(d => !existing.Contains(d.Id)).ToArray();
        if (fresh.Length == 0)
        {
            return;
        }
        session.Insert(fresh);
        await session.SaveChangesAsync(ct);
    }

    public async Task<WebhookDelivery?> FindAsync(string userId, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var delivery = await session.LoadAsync<WebhookDelivery>(id, ct);
        return delivery?.UserId == userId ? delivery : null;
    }

    /// <summary>A page of the user's deliveries, newest first, and the cursor of the next page.</summary>
    public async Task<(IReadOnlyList<WebhookDelivery> Page, string? NextCursor)> PageAsync(string userId, int limit, string? cursor, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var after = cursor is null ? default((DateTimeOffset, Guid)?) : ParseCursor(cursor);
        var rows = after is { } a
            ? await session.QueryAsync<WebhookDelivery>(
                $"select data from {table} where user_id = ? and (created_at, id) < (?, ?) order by created_at desc, id desc limit ?",
                ct, userId, a.Item1, a.Item2, limit + 1)
            : await session.QueryAsync<WebhookDelivery>(
                $"select data from {table} where user_id = ? order by created_at desc, id desc limit ?", ct, userId, limit + 1);
        var page = rows.Take(limit).ToList();
        return (page, rows.Count > limit ? Cursor(page[^1]) : null);
    }

    /// <summary>Opaque to clients: the creation time and id of the last delivery of the previous page.</summary>
    public static string Cursor(WebhookDelivery last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{last.Id:N}"));

    /// <summary>Null when <paramref name="cursor"/> is not one <see cref="Cursor"/> made.</summary>
    public static (DateTimeOffset, Guid)? ParseCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            return parts.Length == 2
                   && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && ticks <= DateTimeOffset.MaxValue.UtcTicks
                   && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<T> InTransactionAsync<T>(Func<IDocumentSession, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        var result = await work(session);
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }
}
