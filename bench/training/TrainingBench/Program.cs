using System.Diagnostics;
using System.Text.Json;
using AdapterPipeline.TrainingBench;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Training;
using TorchSharp;
using static TorchSharp.torch;

// Tokens/s of forward + backward + AdamW step with a LoRA adapter (r=8, alpha=16, dropout 0.05, the architecture's
// default targets) on random token ids; bench_torch.py runs the same shapes in PyTorch. The examples are plain text
// (`seq` tokens, every position a target), --chat fixed (ChatLayout) or --chat varied (ChatConversations, written for
// bench_torch.py with --layout-out). Each run trains on its own slice of steps x batch examples, put into batches by
// the trainer's LengthBuckets and padded by its LanguageModelLoss.ToBatch, whose loss computes logits only where
// targets are; tokens/s counts real tokens, not padding.
// Median and spread of --runs measurements per model, the BLAS GFLOP/s of a 2048x2048 matmul and the peak RSS.
//   TrainingBench [--threads N] [--batch 4] [--seq 256] [--steps 10] [--runs 5] [--models a,b] [--chat [varied|fixed]]
//                 [--layout-out layout.json] [--attention sdpa|explicit] [--no-mallopt] [--json out.json] [--memory-steps N]
var options = Arguments.Parse(args);
var mallopt = !options.ContainsKey("no-mallopt") && MallocTuning.Apply();
var threads = int.Parse(options.GetValueOrDefault("threads", Environment.ProcessorCount.ToString()));
torch.set_num_threads(threads);
var batch = int.Parse(options.GetValueOrDefault("batch", "4"));
var seq = int.Parse(options.GetValueOrDefault("seq", "256"));
var steps = int.Parse(options.GetValueOrDefault("steps", "10"));
var runs = int.Parse(options.GetValueOrDefault("runs", "5"));
var models = options.GetValueOrDefault("models", "tiny-llama,tiny-gpt2,llama-16m").Split(',');
var chat = options.GetValueOrDefault("chat") switch
{
    null => null,
    "true" or "varied" => "varied",
    "fixed" => "fixed",
    var other => throw new ArgumentException($"--chat {other}: varied or fixed"),
};
// The trainer's fused kernel (sdpa), or softmax(QK^T)V written out (explicit), as bench_torch.py computes it on torch 1.x.
Attention.Explicit = options.GetValueOrDefault("attention", "sdpa") switch
{
    "sdpa" => false,
    "explicit" => true,
    var other => throw new ArgumentException($"--attention {other}: sdpa or explicit"),
};
const int warmup = 2;
// The warm-up's examples first, then each run's.
var exampleCount = (warmup + runs * steps) * batch;
var conversations = chat switch
{
    "varied" => ChatConversations.Generate(exampleCount, seq),
    "fixed" => Enumerable.Repeat(ChatLayout.Targets(seq), exampleCount).ToList(),
    _ => Enumerable.Repeat(Enumerable.Repeat(true, seq).ToArray(), exampleCount).ToList(),
};
if (options.TryGetValue("layout-out", out var layoutOut))
{
    File.WriteAllText(layoutOut, ChatConversations.Json(conversations, seq, batch, steps, runs, warmup));
}
var scratch = Directory.CreateTempSubdirectory("training-bench-").FullName;
var loadedMiB = 0.0;

if (options.TryGetValue("memory-steps", out var memorySteps))
{
    MemoryRun(int.Parse(memorySteps));
    Directory.Delete(scratch, recursive: true);
    return;
}

var results = new List<Dictionary<string, object>>();
var data = chat switch
{
    "varied" => "varied-length chat, assistant-only targets, length-bucketed",
    "fixed" => "fixed-layout chat, assistant-only targets",
    _ => "every position a target",
};
Console.WriteLine($"TorchSharp (libtorch {torch.__version__}), {threads} threads, mallopt {(mallopt ? "on" : "off")}, batch {batch} x {seq} tokens ({data}), attention {(Attention.Explicit ? "explicit" : "sdpa")}, BLAS {MatmulGflops():F1} GFLOP/s (2048x2048 matmul)");
foreach (var name in models)
{
    using var model = Build(name, BenchModels.Named(name));
    var parameters = SafetensorsFile.ReadEntries(Path.Combine(scratch, name, "model.safetensors")).Values.Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b));
    var measured = Enumerable.Range(0, runs).Select(run => Measure(model, run)).ToList();
    var rates = measured.Select(m => m.TokensPerSecond).Order().ToList();
    var median = rates.Count % 2 == 1 ? rates[rates.Count / 2] : (rates[rates.Count / 2 - 1] + rates[rates.Count / 2]) / 2;
    var (tokens, positions, targets) = (measured.Sum(m => m.Tokens), measured.Sum(m => m.Positions), measured.Sum(m => m.Targets));
    var (padding, targetShare) = (1 - (double)tokens / positions, (double)targets / positions);
    Console.WriteLine($"  {name,-19} {parameters / 1e6,7:F2}M params  {median,10:F0} tokens/s median ({rates[0]:F0}-{rates[^1]:F0}, n={runs}), of the positions computed {padding * 100:F1}% padding, {targetShare * 100:F1}% targets");
    results.Add(new()
    {
        ["model"] = name, ["parameters"] = parameters, ["tokens_per_second_median"] = median, ["tokens_per_second_min"] = rates[0],
        ["tokens_per_second_max"] = rates[^1], ["padding_fraction"] = padding, ["target_fraction"] = targetShare,
    });
}
var peakMiB = ProcessMemory.PeakMiB();
Console.WriteLine($"  peak RSS {peakMiB:F0} MiB ({loadedMiB:F0} MiB resident once the last model was loaded)");
if (options.TryGetValue("json", out var json))
{
    File.WriteAllText(json, JsonSerializer.Serialize(new { threads, batch, seq, steps, runs, chat, mallopt, peak_rss_mib = peakMiB, results }));
}
Directory.Delete(scratch, recursive: true);

double MatmulGflops(int n = 2048, int repeats = 5)
{
    using var scope = NewDisposeScope();
    var (a, b) = (randn(n, n), randn(n, n));
    a.matmul(b);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < repeats; i++)
    {
        a.matmul(b);
    }
    return 2.0 * n * n * n * repeats / clock.Elapsed.TotalSeconds / 1e9;
}

ICausalLanguageModel Build(string name, ModelConfig config)
{
    var directory = Path.Combine(scratch, name);
    // Large vocabularies are written as bfloat16, as published checkpoints are; they load as float32 all the same.
    TinyBaseModels.Write(config, directory, TinyBaseModels.Seed, bfloat16: config.VocabSize > 100_000);
    // Writing draws every weight as managed arrays (up to 2.8 GiB for the 0.5B shape); the GC kept that memory
    // resident even after a plain collection, which added 2.3 GiB to the peak RSS the bench reports as training's.
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    var model = BaseModelLoader.Load(name, directory, CPU, float32).Model;
    loadedMiB = ProcessMemory.ResidentMiB();
    return model;
}

RunResult Measure(ICausalLanguageModel model, int run)
{
    manual_seed(42);
    var random = new Random(run);
    var first = (warmup + run * steps) * batch;
    var warmupBatches = Batches(0, warmup * batch, model.Config.VocabSize, random);
    var measuredBatches = Batches(first, steps * batch, model.Config.VocabSize, random);
    if (chat == "varied")
    {
        Console.WriteLine(RunCheck.Line(run, conversations.Skip(first).Take(steps * batch)));
    }
    using var adapter = LoraAdapter.CreateUntrained(model, new LoraSettings(8, 16, 0.05, LoraSettings.DefaultTargets(model.Config.Architecture)));
    var parameters = adapter.Parameters.ToList();
    using var optimizer = optim.AdamW(parameters, 2e-4);
    foreach (var examples in warmupBatches)
    {
        Step(model, adapter, optimizer, parameters, examples);
    }
    var (tokens, positions, targets) = (0L, 0L, 0L);
    var clock = Stopwatch.StartNew();
    foreach (var examples in measuredBatches)
    {
        var counted = Step(model, adapter, optimizer, parameters, examples);
        (tokens, positions, targets) = (tokens + counted.Tokens, positions + counted.Positions, targets + counted.Targets);
    }
    return new RunResult(tokens / clock.Elapsed.TotalSeconds, tokens, positions, targets);
}

// Examples [first, first + length) of the list with random token ids, in the trainer's batches.
List<TrainingExample[]> Batches(int first, int length, int vocab, Random random) =>
    LengthBuckets.Batches([.. conversations.Skip(first).Take(length).Select((targets, i) =>
        new TrainingExample([.. targets.Select(_ => random.Next(vocab))], targets, first + i))], batch, random);

RunResult Step(ICausalLanguageModel model, LoraAdapter adapter, optim.Optimizer optimizer, List<TorchSharp.Modules.Parameter> parameters, TrainingExample[] examples)
{
    using var scope = NewDisposeScope();
    var padded = LanguageModelLoss.ToBatch(examples, 0, model.Device);
    LanguageModelLoss.Compute(model, adapter, padded, training: true, gradientScale: 1.0 / padded.TargetCount);
    nn.utils.clip_grad_norm_(parameters, 1.0);
    optimizer.step();
    optimizer.zero_grad();
    return new RunResult(0, padded.Tokens, padded.InputIds.numel(), padded.TargetCount);
}

void MemoryRun(int count)
{
    using var model = Build(TinyBaseModels.TinyLlama, TinyBaseModels.Config(TinyBaseModels.TinyLlama));
    using var adapter = LoraAdapter.CreateUntrained(model, new LoraSettings(8, 16, 0.05, ["q_proj", "v_proj"]));
    var parameters = adapter.Parameters.ToList();
    using var optimizer = optim.AdamW(parameters, 2e-4);
    var random = new Random(0);
    Console.WriteLine($"Resident memory over {count} steps (tiny-llama, batch {batch} x {seq}):");
    for (var step = 1; step <= count; step++)
    {
        Step(model, adapter, optimizer, parameters, Batches(0, batch, model.Config.VocabSize, random)[0]);
        if (step == 1 || step % (count / 10) == 0)
        {
            Console.WriteLine($"  step {step,5}: {ProcessMemory.ResidentMiB(),7:F1} MiB");
        }
    }
}
