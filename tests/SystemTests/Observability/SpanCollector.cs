using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace AdapterPipeline.SystemTests.Observability;

/// <summary>
/// Where the in-memory trace exporters of every in-process service put their spans, safe to read while they write.
/// Every service's tracer sees every span in the process, so spans are kept once, by span id.
/// </summary>
public sealed class SpanCollector : ICollection<Activity>
{
    private readonly ConcurrentDictionary<ActivitySpanId, Activity> spans = new();

    public int Count => spans.Count;

    public bool IsReadOnly => false;

    public void Add(Activity item) => spans.TryAdd(item.SpanId, item);

    public void Clear() => spans.Clear();

    public bool Contains(Activity item) => spans.ContainsKey(item.SpanId);

    public void CopyTo(Activity[] array, int arrayIndex) => spans.Values.ToArray().CopyTo(array, arrayIndex);

    public bool Remove(Activity item) => spans.TryRemove(item.SpanId, out _);

    public IEnumerator<Activity> GetEnumerator() => spans.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
