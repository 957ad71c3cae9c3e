namespace AdapterPipeline.InferenceWorker.Adapters;

/// <summary>Use of a cached adapter; while any lease is open its weights stay in memory.</summary>
public sealed class AdapterLease(LoadedAdapter adapter, Action release) : IDisposable
{
    private int released;

    public LoadedAdapter Adapter { get; } = adapter;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            release();
        }
    }
}
