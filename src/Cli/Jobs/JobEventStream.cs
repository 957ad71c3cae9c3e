using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AdapterPipeline.Cli.Http;

namespace AdapterPipeline.Cli.Jobs;

/// <summary>
/// A job's events as they happen, from <c>GET /jobs/{id}/events</c> with <c>Accept: text/event-stream</c>: the history
/// first, then each new entry, until the job ends. A stream that closes early is opened again; entries already seen are
/// skipped.
/// </summary>
public static class JobEventStream
{
    public static async IAsyncEnumerable<(JobEvent Event, string Json)> ReadAsync(
        ApiClient api, Guid jobId, [EnumeratorCancellation] CancellationToken ct)
    {
        var seen = DateTimeOffset.MinValue;
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"jobs/{jobId}/events");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using (var response = await api.OpenAsync(request, ct))
            await using (var stream = await response.Content.ReadAsStreamAsync(ct))
            {
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
                {
                    if (item.EventType != "job")
                    {
                        continue;
                    }
                    var e = JsonSerializer.Deserialize<JobEvent>(item.Data, ApiClient.Json)!;
                    if (e.At <= seen)
                    {
                        continue;
                    }
                    seen = e.At;
                    yield return (e, item.Data);
                    if (e.State is "succeeded" or "failed" or "cancelled")
                    {
                        yield break;
                    }
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
