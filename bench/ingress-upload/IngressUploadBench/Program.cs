// Upload throughput through the Ingress (multipart → staging → record over the bus) against a direct AWSSDK upload
// of the same bytes to the same S3 server, and the Ingress process's peak RSS while the files stream through. Also
// the Ingress's uploader alone (ObjectStore from a file, no HTTP, no record) and the CPU seconds each process spent
// in each phase, so the share of the S3 server, the Ingress and the record is visible.
//   IngressUploadBench <ingress-url> <ingress-pid> <size-mib>[,<size-mib>...] [repeats]
// S3 settings come from the same S3__* variables the services read; BENCH_CPU_PIDS=name=pid,... names the processes
// whose CPU time is reported besides this one.
using System.Diagnostics;
using System.Net.Http.Headers;
using AdapterPipeline.ServiceDefaults.Storage;
using Amazon.S3.Transfer;

var ingress = new Uri(args[0]);
var ingressPid = int.Parse(args[1]);
var sizes = args[2].Split(',').Select(long.Parse).ToArray();
var repeats = args.Length > 3 ? int.Parse(args[3]) : 1;

var s3Options = new S3Options
{
    ServiceUrl = Environment.GetEnvironmentVariable("S3__ServiceUrl"),
    AccessKey = Environment.GetEnvironmentVariable("S3__AccessKey"),
    SecretKey = Environment.GetEnvironmentVariable("S3__SecretKey"),
    Bucket = Environment.GetEnvironmentVariable("S3__Bucket") ?? "adapter-pipeline",
};
using var s3 = StorageExtensions.CreateClient(s3Options);
using var transfer = new TransferUtility(s3);
var store = new ObjectStore(s3, Microsoft.Extensions.Options.Options.Create(s3Options));
using var http = new HttpClient { BaseAddress = ingress, Timeout = TimeSpan.FromMinutes(30) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
    Environment.GetEnvironmentVariable("AP_API_KEY") ?? throw new InvalidOperationException("AP_API_KEY is not set (the key in .local/dev-api-key)."));
var run = Guid.NewGuid().ToString("N")[..8];
var watched = new ProcessCpu(Environment.GetEnvironmentVariable("BENCH_CPU_PIDS"));

Console.WriteLine($"ingress pid {ingressPid}: VmHWM {Status(ingressPid, "VmHWM")} MiB, VmRSS {Status(ingressPid, "VmRSS")} MiB before the first upload");
Console.WriteLine($"{"size",8} {"direct MiB/s",13} {"ingress MiB/s",14} {"ratio",6} {"copy s",7} {"ingress peak RSS",17}");
var ratios = new Dictionary<long, List<double>>();
foreach (var mib in sizes)
{
    var path = Path.Combine(Path.GetTempPath(), $"ingress-bench-{run}-{mib}.txt");
    WriteText(path, mib * 1024 * 1024);
    try
    {
        for (var i = 0; i < repeats; i++)
        {
            var cpuBefore = watched.Seconds();
            var direct = await TimeAsync(() => transfer.UploadAsync(new TransferUtilityUploadRequest
            {
                BucketName = s3Options.Bucket,
                Key = $"bench/{run}/direct-{mib}-{i}.txt",
                FilePath = path,
                ContentType = "text/plain",
            }));

            var cpuDirect = watched.Seconds();
            var uploaderOnly = await TimeAsync(async () =>
            {
                await using var file = File.OpenRead(path);
                await store.UploadAsync($"bench/{run}/uploader-{mib}-{i}.txt", file, "text/plain", CancellationToken.None);
            });
            var cpuUploader = watched.Seconds();

            var peakSampler = SamplePeakRss(ingressPid, out var stop);
            var viaIngress = await TimeAsync(async () =>
            {
                await using var file = File.OpenRead(path);
                using var form = new MultipartFormDataContent();
                var part = new StreamContent(file, 1024 * 1024);
                part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
                form.Add(part, "files", $"bench-{mib}-{i}.txt");
                using var response = await http.PostAsync($"/training-data/bench/{run}/upload", form);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            });
            stop.Cancel();
            var cpuIngress = watched.Seconds();
            var sampledPeak = await peakSampler;

            // The server-side copy the metadata service makes from the staging key to the training-data key.
            var copy = await TimeAsync(() => store.CopyAsync($"bench/{run}/direct-{mib}-{i}.txt", $"bench/{run}/copy-{mib}-{i}.txt", CancellationToken.None));

            var directRate = mib / direct.TotalSeconds;
            var ingressRate = mib / viaIngress.TotalSeconds;
            (ratios.TryGetValue(mib, out var list) ? list : ratios[mib] = []).Add(ingressRate / directRate);
            Console.WriteLine($"{mib + " MiB",8} {directRate,13:F1} {ingressRate,14:F1} {ingressRate / directRate,6:F2} {copy.TotalSeconds,7:F2} {sampledPeak + " MiB (VmHWM " + Status(ingressPid, "VmHWM") + ")",17}");
            Console.WriteLine($"{"",8} uploader alone {mib / uploaderOnly.TotalSeconds:F1} MiB/s; CPU s, direct: {watched.Describe(cpuBefore, cpuDirect)}; uploader alone: {watched.Describe(cpuDirect, cpuUploader)}; ingress: {watched.Describe(cpuUploader, cpuIngress)}");
        }
    }
    finally
    {
        File.Delete(path);
    }
}
Console.WriteLine($"ingress pid {ingressPid}: VmHWM {Status(ingressPid, "VmHWM")} MiB at the end (peak resident set over the whole run)");
foreach (var (mib, list) in ratios)
{
    var sorted = list.Order().ToList();
    Console.WriteLine($"{mib} MiB: median ratio {sorted[sorted.Count / 2]:F2} of {sorted.Count} runs ({string.Join(", ", list.Select(r => r.ToString("F2")))})");
}
await store.DeletePrefixAsync($"bench/{run}/", CancellationToken.None);
await store.DeletePrefixAsync(StorageKeys.Avatar("bench", run), CancellationToken.None);

static async Task<TimeSpan> TimeAsync(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed;
}

// ASCII lines, so the Ingress's UTF-8 check does its real work on every byte.
static void WriteText(string path, long bytes)
{
    var line = "the quick brown fox jumps over the lazy dog 0123456789 training text line\n"u8.ToArray();
    var block = new byte[1024 * 1024];
    for (var i = 0; i < block.Length; i++)
    {
        block[i] = line[i % line.Length];
    }
    using var file = File.Create(path);
    for (long written = 0; written < bytes; written += block.Length)
    {
        file.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
    }
}

static long Status(int pid, string field)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}

static Task<long> SamplePeakRss(int pid, out CancellationTokenSource stop)
{
    var cts = new CancellationTokenSource();
    stop = cts;
    return Task.Run(async () =>
    {
        long peak = 0;
        while (!cts.IsCancellationRequested)
        {
            peak = Math.Max(peak, Status(pid, "VmRSS"));
            await Task.Delay(20);
        }
        return peak;
    });
}
