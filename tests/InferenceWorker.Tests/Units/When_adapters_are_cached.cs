using System.Diagnostics.Metrics;
using AdapterPipeline.InferenceWorker.Adapters;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace AdapterPipeline.InferenceWorker.Tests.Units;

public sealed class When_adapters_are_cached : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IMeterFactory meters;

    public When_adapters_are_cached() => meters = services.GetRequiredService<IMeterFactory>();

    public void Dispose() => services.Dispose();

    // 2·(4·16) floats: 512 bytes per adapter.
    private const long AdapterBytes = 512;

    [Fact]
    public void Should_evict_the_least_recently_used_past_the_byte_budget()
    {
        using var cache = new AdapterCache(Options.Create(new InferenceOptions { AdapterCacheBytes = 2 * AdapterBytes }), meters);
        cache.Add(Adapter("a", 1)).Dispose();
        cache.Add(Adapter("b", 1)).Dispose();
        cache.TryLease(Key("a", 1))!.Dispose();

        cache.Add(Adapter("c", 1)).Dispose();

        Assert.NotNull(cache.TryLease(Key("a", 1)));
        Assert.Null(cache.TryLease(Key("b", 1)));
        Assert.Equal(2 * AdapterBytes, cache.Bytes);
    }

    [Fact]
    public void Should_keep_a_leased_adapter_usable_after_it_is_dropped()
    {
        using var cache = new AdapterCache(Options.Create(new InferenceOptions()), meters);
        using var lease = cache.Add(Adapter("a", 1));
        cache.Add(Adapter("a", 2)).Dispose();

        Assert.Equal(2, cache.Drop("u", "a"));

        Assert.Null(cache.TryLease(Key("a", 1)));
        Assert.Equal(0, cache.Bytes);
        Assert.Equal(4, lease.Adapter.Lora.Layers["m"].A.shape[0]);
    }

    [Fact]
    public void Should_count_hits_and_misses_and_report_the_cached_bytes()
    {
        using var cache = new AdapterCache(Options.Create(new InferenceOptions()), meters);
        var recorded = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name.StartsWith("adapterpipeline.inference.adapter_cache.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            var name = instrument.Name["adapterpipeline.inference.adapter_cache.".Length..];
            recorded[name] = instrument is ObservableGauge<long> ? value : recorded.GetValueOrDefault(name) + value;
        });
        listener.Start();

        Assert.Null(cache.TryLease(Key("a", 1)));
        cache.Add(Adapter("a", 1)).Dispose();
        cache.TryLease(Key("a", 1))!.Dispose();
        cache.TryLease(Key("a", 1))!.Dispose();
        Assert.Null(cache.TryLease(Key("b", 1)));
        cache.Add(Adapter("b", 1)).Dispose();
        listener.RecordObservableInstruments();

        Assert.Equal(2, recorded["hits"]);
        Assert.Equal(2, recorded["misses"]);
        Assert.Equal(2 * AdapterBytes, recorded["size"]);

        cache.Drop("u", "a");
        listener.RecordObservableInstruments();
        Assert.Equal(AdapterBytes, recorded["size"]);
    }

    private static AdapterKey Key(string avatar, int version) => new("u", avatar, version);

    private static LoadedAdapter Adapter(string avatar, int version)
    {
        var tensors = new Dictionary<string, (torch.Tensor A, torch.Tensor B)> { ["m"] = (torch.zeros(4, 16), torch.zeros(16, 4)) };
        var lora = LoraAdapter.FromTensors(new LoraSettings(4, 8, 0, ["m"]), tensors, torch.CPU);
        return new LoadedAdapter(Key(avatar, version), "tiny-llama", lora);
    }
}
