using System.Diagnostics;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Generation;
using AdapterPipeline.LanguageModels.Models;
using Microsoft.Extensions.Options;
using TorchSharp;

// Aggregate tokens/s of N concurrent requests, each for a different avatar (adapter) of the built-in tiny-llama:
// decoded together by the continuous batcher vs the same requests decoded one after another. `served [ingress]`
// measures the transport and the adapter switch on the running stack instead (ServedBench).
const int NewTokens = 64;
if (args.FirstOrDefault() == "served")
{
    var key = Environment.GetEnvironmentVariable("AP_API_KEY") ?? throw new InvalidOperationException("AP_API_KEY is not set (the key in .local/dev-api-key).");
    await AdapterPipeline.Bench.Inference.ServedBench.RunAsync(new Uri(args.ElementAtOrDefault(1) ?? "http://127.0.0.1:8080"),
        new Uri(args.ElementAtOrDefault(2) ?? "http://127.0.0.1:8090"), key, TinyBaseModels.TinyLlama);
    return;
}
var name = args.Length > 0 ? args[0] : TinyBaseModels.TinyLlama;
var cache = Path.Combine(Path.GetTempPath(), "adapter-pipeline-bench", "models");
var registry = new BaseModelRegistry(Options.Create(new BaseModelOptions { ModelCacheDirectory = cache }));
using var model = BaseModelLoader.Load(name, await registry.ResolveAsync(name, CancellationToken.None), torch.CPU, torch.float32);
var eos = -1; // never stop early, so both ways decode exactly NewTokens per request
Console.WriteLine($"inference bench: {name}, {NewTokens} new tokens per request, {Environment.ProcessorCount} CPUs, {torch.get_num_threads()} torch threads");

double last8 = 0;
foreach (var avatars in new[] { 8, 16 })
{
    var adapters = Enumerable.Range(0, avatars).Select(i => Adapter(model.Model, i)).ToList();
    var prompts = Enumerable.Range(0, avatars).Select(i => Enumerable.Range(10 + i, 16).ToArray()).ToList();
    await WarmUpAsync(model.Model, adapters, prompts);

    var clock = Stopwatch.StartNew();
    for (var i = 0; i < avatars; i++)
    {
        Decoding.Continue(model.Model, adapters[i], prompts[i], NewTokens, eos);
    }
    var sequential = avatars * NewTokens / clock.Elapsed.TotalSeconds;

    using var decoder = new BatchDecoder(model.Model, eos, maxRows: avatars);
    clock.Restart();
    var firstTokens = new double[avatars];
    var readers = Enumerable.Range(0, avatars)
        .Select(i => decoder.Submit(new DecodeRequest(prompts[i], adapters[i], SamplingSettings.Greedy, NewTokens, CancellationToken.None)))
        .ToList();
    var counts = await Task.WhenAll(readers.Select(async (reader, i) =>
    {
        var n = 0;
        await foreach (var _ in reader.ReadAllAsync())
        {
            if (n++ == 0)
            {
                firstTokens[i] = clock.Elapsed.TotalMilliseconds;
            }
        }
        return n;
    }));
    var seconds = clock.Elapsed.TotalSeconds;
    var batched = counts.Sum() / seconds;
    var ratio = batched / sequential;
    Array.Sort(firstTokens);
    var p95 = firstTokens[(int)Math.Ceiling(0.95 * avatars) - 1];
    Console.WriteLine($"{avatars} avatars: sequential {sequential:F0} tok/s, batched {batched:F0} tok/s aggregate " +
        $"({batched / avatars:F1} tok/s per request, p95 first token {p95:F0} ms) = {ratio:F2}x");
    if (avatars == 8)
    {
        last8 = ratio;
    }
    adapters.ForEach(a => a.Dispose());
}
Console.WriteLine($"inference: batched/sequential {last8:F2}x at 8 avatars");

// Both paths once, in full, so neither measurement pays for first-use costs (JIT, libtorch kernels and allocations).
async Task WarmUpAsync(ICausalLanguageModel m, List<LoraAdapter> adapters, List<int[]> prompts)
{
    Decoding.Continue(m, adapters[0], prompts[0], NewTokens, eos);
    using var decoder = new BatchDecoder(m, eos, maxRows: 2);
    var readers = Enumerable.Range(0, 2)
        .Select(i => decoder.Submit(new DecodeRequest(prompts[i], adapters[i], SamplingSettings.Greedy, NewTokens, CancellationToken.None)))
        .ToList();
    foreach (var reader in readers)
    {
        await foreach (var _ in reader.ReadAllAsync())
        {
        }
    }
}

static LoraAdapter Adapter(ICausalLanguageModel model, int seed)
{
    var adapter = LoraAdapter.CreateUntrained(model, new LoraSettings(8, 16, 0, LoraSettings.DefaultTargets(model.Config.Architecture)));
    using var _ = torch.no_grad();
    var generator = new torch.Generator((ulong)seed + 1);
    foreach (var layer in adapter.Layers.Values)
    {
        layer.B.copy_(torch.randn(layer.B.shape, generator: generator) * 0.1);
    }
    return adapter;
}
