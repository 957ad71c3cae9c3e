// Orchestration overhead of the running system: for each job, the time from POST train to the completion webhook
// arriving, minus the workers' own training and packaging time (reported by the job). Prints p50 and p95 over N jobs
// together with the end-to-end times and the workers' times measured in the same run.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

var ingress = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:8080");
var jobs = int.Parse(args.ElementAtOrDefault(1) ?? "50");
var port = int.Parse(args.ElementAtOrDefault(2) ?? "8098");

using var http = new HttpClient { BaseAddress = ingress, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
    Environment.GetEnvironmentVariable("AP_API_KEY") ?? throw new InvalidOperationException("AP_API_KEY is not set (the key in .local/dev-api-key)."));
var user = "bench-" + Guid.NewGuid().ToString("N")[..8];
var avatar = "avatar-" + Guid.NewGuid().ToString("N")[..8];

var arrivals = Channel.CreateUnbounded<(Guid JobId, long At)>();
using var listener = new HttpListener();
listener.Prefixes.Add($"http://127.0.0.1:{port}/");
listener.Start();
_ = Task.Run(async () =>
{
    while (listener.IsListening)
    {
        var context = await listener.GetContextAsync();
        var at = Stopwatch.GetTimestamp();
        using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
        context.Response.StatusCode = 204;
        context.Response.Close();
        await arrivals.Writer.WriteAsync((body.RootElement.GetProperty("data").GetProperty("job_id").GetGuid(), at));
    }
});

(await http.PostAsJsonAsync($"/webhooks/{user}/subscriptions",
    new { url = $"http://127.0.0.1:{port}/hooks", events = new[] { "adapter.training.succeeded", "adapter.training.failed" } })).EnsureSuccessStatusCode();
using (var form = new MultipartFormDataContent())
{
    form.Add(new StringContent(string.Concat(Enumerable.Repeat("Ada keeps the light on Gull Rock. ", 20)), Encoding.UTF8, "text/plain"), "files", "persona.txt");
    (await http.PostAsync($"/training-data/{user}/{avatar}/upload?use_for_training=true", form)).EnsureSuccessStatusCode();
}

var endToEnd = new List<double>();
var workers = new List<double>();
var overhead = new List<double>();
for (var i = 0; i < jobs; i++)
{
    var started = Stopwatch.GetTimestamp();
    using var response = await http.PostAsJsonAsync($"/adapters/{user}/{avatar}/train",
        new { num_epochs = 1, batch_size = 2, max_seq_length = 32, base_model = "tiny-llama" });
    response.EnsureSuccessStatusCode();
    var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetGuid();
    var (arrivedFor, at) = await arrivals.Reader.ReadAsync();
    if (arrivedFor != jobId)
    {
        throw new InvalidOperationException($"webhook for {arrivedFor}, expected {jobId}");
    }
    var job = await http.GetFromJsonAsync<JsonElement>($"/jobs/{jobId}");
    if (job.GetProperty("state").GetString() != "succeeded")
    {
        throw new InvalidOperationException($"job {jobId} ended {job.GetProperty("state")}");
    }
    var total = Stopwatch.GetElapsedTime(started, at).TotalMilliseconds;
    var worker = 1000 * (job.GetProperty("training_seconds").GetDouble() + job.GetProperty("packaging_seconds").GetDouble());
    endToEnd.Add(total);
    workers.Add(worker);
    overhead.Add(total - worker);
    Console.WriteLine($"job {i + 1,3}/{jobs}: end to end {total,7:0} ms, workers {worker,7:0} ms, orchestration {total - worker,6:0} ms");
}

Console.WriteLine();
Console.WriteLine($"{"",-22}{"p50 ms",10}{"p95 ms",10}");
Print("end to end", endToEnd);
Print("workers' own time", workers);
Print("orchestration", overhead);
Console.WriteLine($"orchestration / end to end at p50: {Percentile(overhead, 50) / Percentile(endToEnd, 50):0.00}");

static void Print(string name, List<double> values) => Console.WriteLine($"{name,-22}{Percentile(values, 50),10:0}{Percentile(values, 95),10:0}");

static double Percentile(List<double> values, int p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Clamp(Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
