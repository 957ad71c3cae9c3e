using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Generation;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace AdapterPipeline.Bench.Inference;

/// <summary>
/// Against the running stack (<c>./dev.sh up</c>): one request's time to first token and tokens/s generated in this
/// process vs streamed through the Ingress and the inference worker (the transport's added latency), and the time from
/// a restore to the first token served by the restored version.
/// </summary>
public static class ServedBench
{
    private const int Runs = 20;
    private const int NewTokens = 64;
    private const string Prompt = "The lighthouse keeper wrote in her log that the night was calm and the sea";

    public static async Task RunAsync(Uri ingress, Uri worker, string apiKey, string baseName)
    {
        using var http = new HttpClient { BaseAddress = ingress, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var direct = new HttpClient { BaseAddress = worker, Timeout = TimeSpan.FromMinutes(10) };
        Console.WriteLine($"served inference bench: {baseName} through {ingress}, {Runs} requests of {NewTokens} new tokens each way");

        // In-process and served runs alternate, so that both meet the same load on a shared machine.
        var cache = Path.Combine(Path.GetTempPath(), "adapter-pipeline-bench", "models");
        var registry = new BaseModelRegistry(Options.Create(new BaseModelOptions { ModelCacheDirectory = cache }));
        using var model = BaseModelLoader.Load(baseName, await registry.ResolveAsync(baseName, CancellationToken.None), torch.CPU, torch.float32);
        var prompt = model.Tokenizer.Encode(Prompt);
        using var decoder = new BatchDecoder(model.Model, -1, maxRows: 1);
        var inProcess = new List<(double FirstMs, double TokensPerSecond)>();
        var atWorker = new List<(double FirstMs, double TokensPerSecond)>();
        var served = new List<(double FirstMs, double TokensPerSecond)>();
        var request = new { model = baseName, prompt = Prompt, max_tokens = NewTokens, temperature = 0 };
        for (var i = -1; i < Runs; i++)
        {
            var local = await InProcessAsync(decoder, prompt);
            var (_, workerFirst, workerTotal, workerTokens) = await StreamAsync(direct, "/v1/completions", request);
            var (_, first, total, tokens) = await StreamAsync(http, "/v1/completions", request);
            if (i >= 0)
            {
                inProcess.Add(local);
                atWorker.Add((workerFirst, workerTokens / (workerTotal / 1000)));
                served.Add((first, tokens / (total / 1000)));
            }
        }
        Report("in process", inProcess);
        Report("the worker over HTTP", atWorker);
        Report("through the Ingress", served);
        Added("worker over HTTP vs in process", atWorker, inProcess);
        Added("Ingress relay vs the worker directly", served, atWorker);
        Added("transport (through the Ingress vs in process)", served, inProcess);

        await AdapterSwitchAsync(http, baseName);
    }

    private static async Task<(double FirstMs, double TokensPerSecond)> InProcessAsync(BatchDecoder decoder, IReadOnlyList<int> prompt)
    {
        var clock = Stopwatch.StartNew();
        double first = 0;
        var n = 0;
        await foreach (var _ in decoder.Submit(new DecodeRequest(prompt, null, SamplingSettings.Greedy, NewTokens, CancellationToken.None)).ReadAllAsync())
        {
            if (n++ == 0)
            {
                first = clock.Elapsed.TotalMilliseconds;
            }
        }
        return (first, n / clock.Elapsed.TotalSeconds);
    }

    // Two versions trained differently; each restore is timed until a streamed answer is the restored version's own.
    private static async Task AdapterSwitchAsync(HttpClient http, string baseName)
    {
        var user = "bench-" + Guid.NewGuid().ToString("N")[..8];
        const string avatar = "switch";
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(string.Concat(Enumerable.Repeat("Ada keeps the light on Gull Rock and logs every ship. ", 40)),
                Encoding.UTF8, "text/plain"), "files", "persona.txt");
            (await http.PostAsync($"/training-data/{user}/{avatar}/upload?use_for_training=true", form)).EnsureSuccessStatusCode();
        }
        foreach (var epochs in new[] { 2, 8 })
        {
            await TrainAsync(http, user, avatar, new { num_epochs = epochs, batch_size = 2, max_seq_length = 64, learning_rate = 5e-3, base_model = baseName });
        }
        var model = $"{user}/{avatar}";
        var expected = new Dictionary<int, string>();
        foreach (var v in new[] { 1, 2 })
        {
            expected[v] = (await StreamAsync(http, "/v1/chat/completions", Chat($"{model}@v{v}"))).Text;
        }
        if (expected[1] == expected[2])
        {
            Console.WriteLine("adapter switch: not measured (the two versions answer alike)");
            return;
        }
        var switches = new List<double>();
        foreach (var version in new[] { 1, 2, 1, 2, 1, 2 })
        {
            (await http.PostAsync($"/adapters/{user}/{avatar}/versions/{version}/restore", null)).EnsureSuccessStatusCode();
            var restored = Stopwatch.StartNew();
            while (true)
            {
                var sent = restored.Elapsed.TotalMilliseconds;
                var (text, first, _, _) = await StreamAsync(http, "/v1/chat/completions", Chat(model));
                if (text == expected[version])
                {
                    switches.Add(sent + first);
                    break;
                }
            }
        }
        switches.Sort();
        Console.WriteLine($"adapter switch: restore answered -> first token of the restored version: median {switches[switches.Count / 2]:F0} ms, " +
            $"max {switches[^1]:F0} ms over {switches.Count} restores");
    }

    private static object Chat(string model) => new
    {
        model,
        messages = new[] { new { role = "user", content = "Who keeps the light?" } },
        max_tokens = 12,
        temperature = 0,
    };

    private static async Task TrainAsync(HttpClient http, string user, string avatar, object hyperparameters)
    {
        using var response = await http.PostAsJsonAsync($"/adapters/{user}/{avatar}/train", hyperparameters);
        response.EnsureSuccessStatusCode();
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetGuid();
        while (true)
        {
            var state = (await http.GetFromJsonAsync<JsonElement>($"/jobs/{jobId}")).GetProperty("state").GetString();
            if (state == "succeeded")
            {
                return;
            }
            if (state is "failed" or "cancelled")
            {
                throw new InvalidOperationException($"training job {jobId} ended {state}");
            }
            await Task.Delay(500);
        }
    }

    /// <summary>One streamed completion: its text, ms to the first piece of text, ms to the end, completion tokens.</summary>
    private static async Task<(string Text, double FirstMs, double TotalMs, int Tokens)> StreamAsync(HttpClient http, string path, object body)
    {
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        json["stream"] = true;
        json["stream_options"] = JsonSerializer.SerializeToNode(new { include_usage = true });
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(json) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var text = new StringBuilder();
        double first = 0;
        var tokens = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || line == "data: [DONE]")
            {
                continue;
            }
            using var chunk = JsonDocument.Parse(line[6..]);
            if (chunk.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                tokens = usage.GetProperty("completion_tokens").GetInt32();
            }
            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                var piece = choice.TryGetProperty("delta", out var delta)
                    ? delta.TryGetProperty("content", out var c) ? c.GetString() : null
                    : choice.GetProperty("text").GetString();
                if (!string.IsNullOrEmpty(piece))
                {
                    if (text.Length == 0)
                    {
                        first = clock.Elapsed.TotalMilliseconds;
                    }
                    text.Append(piece);
                }
            }
        }
        return (text.ToString(), first, clock.Elapsed.TotalMilliseconds, tokens);
    }

    private static void Added(string what, List<(double FirstMs, double TokensPerSecond)> slower, List<(double FirstMs, double TokensPerSecond)> faster) =>
        Console.WriteLine($"{what}: +{Percentile(slower, 0.5) - Percentile(faster, 0.5):F1} ms at p50, " +
            $"+{Percentile(slower, 0.95) - Percentile(faster, 0.95):F1} ms at p95 to the first token; tokens/s end to end " +
            $"{Median(slower.Select(s => s.TokensPerSecond)) / Median(faster.Select(s => s.TokensPerSecond)):F2}x");

    private static void Report(string way, List<(double FirstMs, double TokensPerSecond)> runs) =>
        Console.WriteLine($"{way}: first token p50 {Percentile(runs, 0.5):F1} ms, p95 {Percentile(runs, 0.95):F1} ms; " +
            $"{Median(runs.Select(r => r.TokensPerSecond)):F0} tok/s");

    private static double Percentile(List<(double FirstMs, double TokensPerSecond)> runs, double p)
    {
        var sorted = runs.Select(r => r.FirstMs).Order().ToList();
        return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
