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
// default targets) on random token ids; bench_torch.py runs the same shapes in PyTorch.
//   TrainingBench [--threads N] [--batch 4] [--seq 256] [--steps 10] [--no-mallopt] [--json out.json] [--memory-steps N]
var options = Arguments.Parse(args);
var mallopt = !options.ContainsKey("no-mallopt") && MallocTuning.Apply();
var threads = int.Parse(options.GetValueOrDefault("threads", Environment.ProcessorCount.ToString()));
torch.set_num_threads(threads);
var batch = int.Parse(options.GetValueOrDefault("batch", "4"));
var seq = int.Parse(options.GetValueOrDefault("seq", "256"));
var steps = int.Parse(options.GetValueOrDefault("steps", "10"));
var scratch = Directory.CreateTempSubdirectory("training-bench-").FullName;

if (options.TryGetValue("memory-steps", out var memorySteps))
{
    MemoryRun(int.Parse(memorySteps));
    return;
}

var results = new List<Dictionary<string, object>>();
Console.WriteLine($"TorchSharp (libtorch {torch.__version__}), {threads} threads, mallopt {(mallopt ? "on" : "off")}, batch {batch} x {seq} tokens");
foreach (var (name, config) in BenchModels.All)
{
    using var model = Build(name, config);
    var parameters = SafetensorsReader.Read(Path.Combine(scratch, name, "model.safetensors")).Tensors.Values.Sum(t => t.ElementCount);
    var tokensPerSecond = Measure(model, steps, warmup: 3);
    Console.WriteLine($"  {name,-11} {parameters / 1e6,6:F2}M params  {tokensPerSecond,10:F0} tokens/s");
    results.Add(new() { ["model"] = name, ["parameters"] = parameters, ["tokens_per_second"] = tokensPerSecond });
}
if (options.TryGetValue("json", out var json))
{
    File.WriteAllText(json, JsonSerializer.Serialize(new { threads, batch, seq, steps, mallopt, results }));
}
Directory.Delete(scratch, recursive: true);

ICausalLanguageModel Build(string name, ModelConfig config)
{
    var directory = Path.Combine(scratch, name);
    TinyBaseModels.Write(config, directory, TinyBaseModels.Seed);
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

// Random tokens, every position a target: the plain-text case.
void ForwardBackward(ICausalLanguageModel model, LoraAdapter adapter)
{
    var randomRows = Enumerable.Range(0, batch).Select(row => new TrainingExample(
        Enumerable.Range(0, seq).Select(t => Random.Shared.Next(model.Config.VocabSize)).ToArray(), Enumerable.Repeat(true, seq).ToArray(), row)).ToList();
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
