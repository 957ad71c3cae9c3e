namespace AdapterPipeline.Ingress.Inference;

/// <summary>
/// Tokens-per-minute per quota key in a sliding one-minute window: each granted reservation counts for exactly one
/// minute from when it was made. Held in memory, so the window is per Ingress instance.
/// </summary>
public sealed class TokenQuota(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Above this many keys, keys whose reservations have all expired are dropped, so idle users do not accumulate.
    private const int SweepAbove = 10_000;

    private readonly Dictionary<string, Reservations> byKey = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>
    /// Reserves <paramref name="tokens"/> for <paramref name="key"/> when they fit under <paramref name="limit"/> in the
    /// last minute; otherwise nothing is reserved and <see cref="QuotaDecision.RetryAfter"/> says when they would fit
    /// (a full window when they never can). A limit of 0 grants everything.
    /// </summary>
    public QuotaDecision TryReserve(string key, long tokens, long limit)
    {
        if (limit <= 0)
        {
            return QuotaDecision.Granted(0);
        }
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (byKey.Count > SweepAbove)
            {
                Sweep(now);
            }
            if (!byKey.TryGetValue(key, out var reservations))
            {
                byKey[key] = reservations = new Reservations();
            }
            reservations.Expire(now);
            if (tokens > limit)
            {
                return QuotaDecision.Refused(reservations.Used, Window);
            }
            if (reservations.Used + tokens <= limit)
            {
                reservations.Add(now, tokens);
                return QuotaDecision.Granted(reservations.Used);
            }
            return QuotaDecision.Refused(reservations.Used, reservations.FreesEnoughAt(limit - tokens) + Window - now);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, reservations) in byKey.ToList())
        {
            reservations.Expire(now);
            if (reservations.Used == 0)
            {
                byKey.Remove(key);
            }
        }
    }

    private sealed class Reservations
    {
        private readonly Queue<(DateTimeOffset At, long Tokens)> queue = new();

        public long Used { get; private set; }

        public void Add(DateTimeOffset at, long tokens)
        {
            queue.Enqueue((at, tokens));
            Used += tokens;
        }

        public void Expire(DateTimeOffset now)
        {
            while (queue.TryPeek(out var oldest) && oldest.At + Window <= now)
            {
                Used -= queue.Dequeue().Tokens;
            }
        }

        /// <summary>When the reservation whose expiry brings the use down to <paramref name="target"/> was made.</summary>
        public DateTimeOffset FreesEnoughAt(long target)
        {
            var used = Used;
            foreach (var (at, tokens) in queue)
            {
                used -= tokens;
                if (used <= target)
                {
                    return at;
                }
            }
            throw new InvalidOperationException("An empty window holds every reservation up to the limit.");
        }
    }
}

/// <summary>The answer of <see cref="TokenQuota.TryReserve"/>: granted or not, what the window holds, and when to retry.</summary>
public sealed record QuotaDecision(bool IsGranted, long Used, TimeSpan RetryAfter)
{
    public static QuotaDecision Granted(long used) => new(true, used, TimeSpan.Zero);

    public static QuotaDecision Refused(long used, TimeSpan retryAfter) => new(false, used, retryAfter);
}
