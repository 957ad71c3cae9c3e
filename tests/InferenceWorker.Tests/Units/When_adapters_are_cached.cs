using AdapterPipeline.InferenceWorker.Adapters;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.Models;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace AdapterPipeline.InferenceWorker.Tests.Units;

public sealed class When_adapters_are_cached
{
    // 2·(4·16) floats: 512 bytes per adapter.
    private const long AdapterBytes = 512;

    [Fact]
    public void Should_evict_the_least_recently_used_past_the_byte_budget()
    {
        using var cache = new AdapterCache(Options.Create(new InferenceOptions { AdapterCacheBytes = 2 * AdapterBytes }));
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
        using var cache = new AdapterCache(Options.Create(new InferenceOptions()));
        using var lease = cache.Add(Adapter("a", 1));
        cache.Add(Adapter("a", 2)).Dispose();

        Assert.Equal(2, cache.Drop("u", "a"));

        Assert.Null(cache.TryLease(Key("a", 1)));
        Assert.Equal(0, cache.Bytes);
        Assert.Equal(4, lease.Adapter.Lora.Layers["m"].A.shape[0]);
    }

    private static AdapterKey Key(string avatar, int version) => new("u", avatar, version);

    private static LoadedAdapter Adapter(string avatar, int version)
    {
        var tensors = new Dictionary<string, (torch.Tensor A, torch.Tensor B)> { ["m"] = (torch.zeros(4, 16), torch.zeros(16, 4)) };
        var lora = LoraAdapter.FromTensors(new LoraSettings(4, 8, 0, ["m"]), tensors, torch.CPU);
        return new LoadedAdapter(Key(avatar, version), "tiny-llama", lora);
    }
}
