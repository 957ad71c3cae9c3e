using System.Collections.Concurrent;
using AdapterPipeline.Contracts.Usage;
using AdapterPipeline.Ingress.Problems;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.Ingress.Usage;

/// <summary>
/// Counts the live job event streams open for each user on this instance; opening one more than
/// <see cref="StreamQuotaOptions.OpenEventStreamsPerUser"/> is refused with 429 naming the quota.
/// </summary>
public sealed class OpenEventStreams(IOptions<StreamQuotaOptions> options)
{
    private readonly ConcurrentDictionary<string, int> open = new(StringComparer.Ordinal);

    public int Limit => options.Value.OpenEventStreamsPerUser;

    public int OpenFor(string userId) => open.GetValueOrDefault(userId);

    /// <summary>Holds a stream open until the answer is disposed.</summary>
    public IDisposable Open(string userId)
    {
        var limit = Limit;
        while (true)
        {
            var used = open.GetValueOrDefault(userId);
            if (used >= limit)
            {
                var message = $"{Quotas.OpenEventStreamsPerUser}: another event stream would exceed the limit of {limit} ({used} open)";
                throw ApiProblemException.OverQuota(Quotas.OpenEventStreamsPerUser, limit, used, message, new Dictionary<string, string[]> { ["quota"] = [message] });
            }
            if (used == 0 ? open.TryAdd(userId, 1) : open.TryUpdate(userId, used + 1, used))
            {
                return new Slot(this, userId);
            }
        }
    }

    private void Close(string userId)
    {
        while (true)
        {
            var used = open.GetValueOrDefault(userId);
            if (used <= 1 ? open.TryRemove(new KeyValuePair<string, int>(userId, used)) : open.TryUpdate(userId, used - 1, used))
            {
                return;
            }
        }
    }

    private sealed class Slot(OpenEventStreams streams, string userId) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                streams.Close(userId);
            }
        }
    }
}
