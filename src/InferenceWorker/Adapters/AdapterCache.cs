using System.Diagnostics.Metrics;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.InferenceWorker.Adapters;

/// <summary>
/// Adapters already read, least recently used evicted first once their weights pass
/// <see cref="InferenceOptions.AdapterCacheBytes"/>. An adapter in use is pinned: eviction and
/// <see cref="Drop"/> take it out of the cache at once, but its weights are freed only when its last lease ends.
/// Hits, misses and the cached bytes are observed on the <c>AdapterPipeline</c> meter.
/// </summary>
public sealed class AdapterCache : IDisposable
{
    private readonly IOptions<InferenceOptions> options;
    private readonly Counter<long> hits;
    private readonly Counter<long> misses;

    public AdapterCache(IOptions<InferenceOptions> options, IMeterFactory meters)
    {
        this.options = options;
        var meter = PipelineMetrics.For(meters);
        hits = meter.CreateCounter<long>("adapterpipeline.inference.adapter_cache.hits", "{lease}", "Adapter leases served from the cache.");
        misses = meter.CreateCounter<long>(
            "adapterpipeline.inference.adapter_cache.misses", "{lease}", "Adapter leases not in the cache, so read from S3 (a load).");
        meter.CreateObservableGauge("adapterpipeline.inference.adapter_cache.size", () => Bytes, "By", "LoRA weight bytes held in the adapter cache.");
    }

    private sealed class Entry(LoadedAdapter adapter)
    {
        public LoadedAdapter Adapter { get; } = adapter;
        public int Leases { get; set; }
        public bool Evicted { get; set; }
    }

    private readonly object gate = new();
    private readonly Dictionary<AdapterKey, LinkedListNode<Entry>> entries = [];
    private readonly LinkedList<Entry> recency = new();
    private long bytes;

    public long Bytes
    {
        get { lock (gate) return bytes; }
    }

    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    /// <summary>A lease on the cached adapter, or null when it is not cached.</summary>
    public AdapterLease? TryLease(AdapterKey key)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(key, out var node))
            {
                misses.Add(1);
                return null;
            }
            hits.Add(1);
            recency.Remove(node);
            recency.AddFirst(node);
            node.Value.Leases++;
            return new AdapterLease(node.Value.Adapter, () => Release(node.Value));
        }
    }

    /// <summary>Caches <paramref name="adapter"/> (or keeps the copy another request cached first) and leases it.</summary>
    public AdapterLease Add(LoadedAdapter adapter)
    {
        var evicted = new List<LoadedAdapter>();
        AdapterLease lease;
        lock (gate)
        {
            if (entries.TryGetValue(adapter.Key, out var existing))
            {
                evicted.Add(adapter);
                existing.Value.Leases++;
                lease = new AdapterLease(existing.Value.Adapter, () => Release(existing.Value));
            }
            else
            {
                var entry = new Entry(adapter) { Leases = 1 };
                entries[adapter.Key] = recency.AddFirst(entry);
                bytes += adapter.SizeBytes;
                lease = new AdapterLease(adapter, () => Release(entry));
                // Never evict the adapter just added, even when it alone is over the budget.
                while (bytes > options.Value.AdapterCacheBytes && recency.Last is { } oldest && oldest.Value != entry)
                {
                    Remove(oldest.Value, evicted);
                }
            }
        }
        evicted.ForEach(a => a.Dispose());
        return lease;
    }

    /// <summary>Forgets every cached version of the avatar's adapter, so the next request reads it again.</summary>
    public int Drop(string userId, string avatarId)
    {
        var freed = new List<LoadedAdapter>();
        int dropped;
        lock (gate)
        {
            var stale = entries.Where(e => e.Key.UserId == userId && e.Key.AvatarId == avatarId).Select(e => e.Value.Value).ToList();
            stale.ForEach(e => Remove(e, freed));
            dropped = stale.Count;
        }
        freed.ForEach(a => a.Dispose());
        return dropped;
    }

    // Under the lock: out of the cache now; freed now only when nothing holds it.
    private void Remove(Entry entry, List<LoadedAdapter> freed)
    {
        var node = entries[entry.Adapter.Key];
        entries.Remove(entry.Adapter.Key);
        recency.Remove(node);
        bytes -= entry.Adapter.SizeBytes;
        entry.Evicted = true;
        if (entry.Leases == 0)
        {
            freed.Add(entry.Adapter);
        }
    }

    private void Release(Entry entry)
    {
        bool free;
        lock (gate)
        {
            entry.Leases--;
            free = entry.Evicted && entry.Leases == 0;
        }
        if (free)
        {
            entry.Adapter.Dispose();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var entry in recency)
            {
                entry.Adapter.Dispose();
            }
            entries.Clear();
            recency.Clear();
            bytes = 0;
        }
    }
}
