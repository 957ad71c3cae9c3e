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
// default targets) on random token ids; bench_torch.py runs the same shapes in PyTorch. With --chat the examples
// follow ChatLayout (assistant-only targets) and the trainer's loss computes logits only where targets are.
// Median and spread of --runs measurements per model, the BLAS GFLOP/s of a 2048x2048 matmul and the peak RSS.
//   TrainingBench [--threads N] [--batch 4] [--seq 256] [--steps 10] [--runs 5] [--models a,b] [--chat] [--no-mallopt]
//                 [--json out.json] [--memory-steps N]
var options = Arguments.Parse(args);
var mallopt = !options.ContainsKey("no-mallopt") && MallocTuning.Apply();
var threads = int.Parse(options.GetValueOrDefault("threads", Environment.ProcessorCount.ToString()));
torch.set_num_threads(threads);
var batch = int.Parse(options.GetValueOrDefault("batch", "4"));
var seq = int.Parse(options.GetValueOrDefault("seq", "256"));
var steps = int.Parse(options.GetValueOrDefault("steps", "10"));
var runs = int.Parse(options.GetValueOrDefault("runs", "5"));
var models = options.GetValueOrDefault("models", "tiny-llama,tiny-gpt2,llama-16m").Split(',');
var targets = options.ContainsKey("chat") ? ChatLayout.Targets(seq) : Enumerable.Repeat(true, seq).ToArray();
var scratch = Directory.CreateTempSubdirectory("training-bench-").FullName;

if (options.TryGetValue("memory-steps", out var memorySteps))
{
    MemoryRun(int.Parse(memorySteps));
    return;
}

var results = new List<Dictionary<string, object>>();
var data = options.ContainsKey("chat") ? "chat, assistant-only targets" : "every position a target";
Console.WriteLine($"TorchSharp (libtorch {torch.__version__}), {threads} threads, mallopt {(mallopt ? "on" : "off")}, batch {batch} x {seq} tokens ({data}), attention SDPA, BLAS {MatmulGflops():F1} GFLOP/s (2048x2048 matmul)");
foreach (var name in models)
{
    using var model = Build(name, BenchModels.Named(name));
    var parameters = SafetensorsFile.ReadEntries(Path.Combine(scratch, name, "model.safetensors")).Values.Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b));
    var measured = Enumerable.Range(0, runs).Select(_ => Measure(model, steps, warmup: 2)).Order().ToList();
    var median = measured.Count % 2 == 1 ? measured[measured.Count / 2] : (measured[measured.Count / 2 - 1] + measured[measured.Count / 2]) / 2;
    Console.WriteLine($"  {name,-19} {parameters / 1e6,7:F2}M params  {median,10:F0} tokens/s median ({measured[0]:F0}-{measured[^1]:F0}, n={runs})");
    results.Add(new() { ["model"] = name, ["parameters"] = parameters, ["tokens_per_second_median"] = median, ["tokens_per_second_min"] = measured[0], ["tokens_per_second_max"] = measured[^1] });
}
var peakMiB = long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
Console.WriteLine($"  peak RSS {peakMiB:F0} MiB");
if (options.TryGetValue("json", out var json))
{
    File.WriteAllText(json, JsonSerializer.Serialize(new { threads, batch, seq, steps, runs, mallopt, peak_rss_mib = peakMiB, results }));
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
    return BaseModelLoader.Load(name, directory, CPU, float32).Model;
}

double Measure(ICausalLanguageModel model, int measured, int warmup)
{
    manual_seed(42);
    using var adapter = LoraAdapter.CreateUntrained(model, new LoraSettings(8, 16, 0.05, LoraSettings.DefaultTargets(model.Config.Architecture)));
    var parameters = adapter.Parameters.ToList();
    using var optimizer = optim.AdamW(parameters, 2e-4);
    var clock = new Stopwatch();
    for (var step = 0; step < warmup + measured; step++)
    {
        if (step == warmup)
        {
            clock.Start();
        }
        using var scope = NewDisposeScope();
        ForwardBackward(model, adapter);
        nn.utils.clip_grad_norm_(parameters, 1.0);
        optimizer.step();
        optimizer.zero_grad();
    }
    clock.Stop();
    return measured * (double)batch * seq / clock.Elapsed.TotalSeconds;
}

// Random tokens; the targets every position (plain text) or ChatLayout's (--chat).
void ForwardBackward(ICausalLanguageModel model, LoraAdapter adapter)
{
    var randomRows = Enumerable.Range(0, batch).Select(row => new TrainingExample(
        Enumerable.Range(0, seq).Select(t => Random.Shared.Next(model.Config.VocabSize)).ToArray(), targets, row)).ToList();
    var randomBatch = LanguageModelLoss.ToBatch(randomRows, 0, model.Device);
    LanguageModelLoss.Compute(model, adapter, randomBatch, training: true, gradientScale: 1.0 / randomBatch.TargetCount);
}

void MemoryRun(int count)
{
    using var model = Build(TinyBaseModels.TinyLlama, TinyBaseModels.Config(TinyBaseModels.TinyLlama));
    using var adapter = LoraAdapter.CreateUntrained(model, new LoraSettings(8, 16, 0.05, ["q_proj", "v_proj"]));
    var parameters = adapter.Parameters.ToList();
    using var optimizer = optim.AdamW(parameters, 2e-4);
    Console.WriteLine($"Resident memory over {count} steps (tiny-llama, batch {batch} x {seq}):");
    for (var step = 1; step <= count; step++)
    {
        using (NewDisposeScope())
        {
            ForwardBackward(model, adapter);
            nn.utils.clip_grad_norm_(parameters, 1.0);
            optimizer.step();
            optimizer.zero_grad();
        }
        if (step == 1 || step % (count / 10) == 0)
        {
            var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            Console.WriteLine($"  step {step,5}: {long.Parse(rss) / 1024.0,7:F1} MiB");
        }
    }
}
