using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdapterPipeline.Contracts.Usage;
using AdapterPipeline.Ingress.Tests.TrainingData;
using AdapterPipeline.MetadataService;
using AdapterPipeline.TestSupport;
using AdapterPipeline.WebhookService;

namespace AdapterPipeline.Ingress.Tests.Usage;

/// <summary>
/// Tiny quotas, so each is reached in a few calls; every test works for a user of its own. Over a quota: 403, 413 or
/// 429 problem details naming the quota, its limit and its use, and nothing changed.
/// </summary>
public sealed class When_a_user_reaches_a_quota(QuotaSystem system) : IClassFixture<QuotaSystem>
{
    private readonly string userId = "u-" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Http => system.Http;

    [Fact]
    public async Task Should_refuse_a_file_over_the_files_per_avatar_quota_and_keep_the_files()
    {
        await UploadOkAsync("a1", ("a.txt", "aa"), ("b.txt", "bb"));

        using var refused = await UploadAsync("a1", ("c.txt", "cc"));
        using var replaced = await UploadAsync("a1", ("a.txt", "new"));

        Assert.Equal((Quotas.FilesPerAvatar, 2L, 2L), await QuotaAsync(refused, 403));
        Assert.True(replaced.IsSuccessStatusCode, await replaced.Content.ReadAsStringAsync());
        Assert.Equal(new[] { "a.txt", "b.txt" }, await FileNamesAsync("a1"));
    }

    [Fact]
    public async Task Should_refuse_bytes_over_the_avatar_and_the_user_quota_with_413()
    {
        await UploadOkAsync("a1", ("a.txt", new string('x', 60)));
        await UploadOkAsync("a2", ("a.txt", new string('x', 80)));

        using var overAvatar = await UploadAsync("a1", ("b.txt", new string('x', 41)));
        using var overUser = await UploadAsync("a1", ("b.txt", new string('x', 11)));

        Assert.Equal((Quotas.TrainingBytesPerAvatar, 100L, 60L), await QuotaAsync(overAvatar, 413));
        Assert.Equal((Quotas.TrainingBytesPerUser, 150L, 140L), await QuotaAsync(overUser, 413));
        Assert.Equal(new[] { "a.txt" }, await FileNamesAsync("a1"));
    }

    [Fact]
    public async Task Should_count_an_adapter_created_on_read_against_the_avatars_and_jobs_quotas()
    {
        await UploadOkAsync("a1", ("a.txt", "aa"));
        using var creating = await Http.GetAsync($"/adapters/{userId}/a2");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, creating.StatusCode);

        using var newAvatarByUpload = await UploadAsync("a3", ("a.txt", "aa"));
        using var newAvatarByRead = await Http.GetAsync($"/adapters/{userId}/a3");
        using var secondJob = await Http.GetAsync($"/adapters/{userId}/a1");

        Assert.Equal((Quotas.AvatarsPerUser, 2L, 2L), await QuotaAsync(newAvatarByUpload, 403));
        Assert.Equal((Quotas.AvatarsPerUser, 2L, 2L), await QuotaAsync(newAvatarByRead, 403));
        Assert.Equal((Quotas.ConcurrentJobsPerUser, 1L, 1L), await QuotaAsync(secondJob, 429));
        Assert.Empty(await FileNamesAsync("a3"));
    }

    [Fact]
    public async Task Should_refuse_a_second_live_event_stream_and_report_every_quota()
    {
        await UploadOkAsync("a1", ("a.txt", "aa"));
        using var creating = await Http.GetAsync($"/adapters/{userId}/a1");
        var jobId = (await Avatar.OkJsonAsync(creating)).GetProperty("job_id").GetString();

        using var first = await OpenStreamAsync(jobId!);
        using var second = await OpenStreamAsync(jobId!);
        using var usage = await Http.GetAsync($"/usage/{userId}");

        Assert.True(first.IsSuccessStatusCode, $"{(int)first.StatusCode}");
        Assert.Equal((Quotas.OpenEventStreamsPerUser, 1L, 1L), await QuotaAsync(second, 429));
        var quotas = (await Avatar.OkJsonAsync(usage)).GetProperty("quotas").EnumerateArray()
            .Select(q => (q.GetProperty("quota").GetString(), q.GetProperty("limit").GetInt64(), q.GetProperty("used").GetInt64(),
                q.TryGetProperty("avatar_id", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null))
            .ToList();
        Assert.Equal(new List<(string?, long, long, string?)>
        {
            (Quotas.ConcurrentJobsPerUser, 1, 1, null),
            (Quotas.AvatarsPerUser, 2, 1, null),
            (Quotas.TrainingBytesPerUser, 150, 2, null),
            (Quotas.FilesPerAvatar, 2, 1, "a1"),
            (Quotas.TrainingBytesPerAvatar, 100, 2, "a1"),
            (Quotas.WebhookSubscriptionsPerUser, 1, 0, null),
            (Quotas.OpenEventStreamsPerUser, 1, 1, null),
        }, quotas);
    }

    [Fact]
    public async Task Should_refuse_a_webhook_subscription_over_the_quota_and_keep_the_first()
    {
        using var first = await SubscribeAsync();
        using var second = await SubscribeAsync();

        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.Equal((Quotas.WebhookSubscriptionsPerUser, 1L, 1L), await QuotaAsync(second, 403));
        using var list = await Http.GetAsync($"/webhooks/{userId}/subscriptions");
        Assert.Equal(1, (await Avatar.OkJsonAsync(list)).GetProperty("subscriptions").GetArrayLength());
    }

    private Task<HttpResponseMessage> SubscribeAsync() =>
        Http.PostAsJsonAsync($"/webhooks/{userId}/subscriptions", new { url = "http://127.0.0.1:9/hook" });

    private async Task<HttpResponseMessage> OpenStreamAsync(string jobId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{jobId}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private Task<HttpResponseMessage> UploadAsync(string avatarId, params (string Name, string Text)[] files) =>
        Http.PostAsync($"/training-data/{userId}/{avatarId}/upload", Avatar.Files(files));

    private async Task UploadOkAsync(string avatarId, params (string Name, string Text)[] files)
    {
        using var response = await UploadAsync(avatarId, files);
        await Avatar.OkJsonAsync(response);
    }

    private async Task<List<string>> FileNamesAsync(string avatarId)
    {
        using var response = await Http.GetAsync($"/training-data/{userId}/{avatarId}/list");
        return (await Avatar.OkJsonAsync(response)).GetProperty("files").EnumerateArray()
            .Select(f => f.GetProperty("file_name").GetString()!).ToList();
    }

    /// <summary>Asserts the problem's status and that it names the quota in <c>errors</c>; answers its name, limit and use.</summary>
    private static async Task<(string, long, long)> QuotaAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        var errors = await Avatar.ProblemAsync(response, status);
        Assert.Contains("quota", errors.Keys);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        return (problem.GetProperty("quota").GetString()!, problem.GetProperty("limit").GetInt64(), problem.GetProperty("used").GetInt64());
    }
}

/// <summary>The Ingress, the metadata and the webhook service, with tiny quotas and no training worker (jobs stay queued).</summary>
public sealed class QuotaSystem() : SystemFixture(Settings, TimeSpan.FromSeconds(100), b => b.AddMetadataService(), b => b.AddWebhookService())
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Quotas:ConcurrentJobsPerUser"] = "1",
        ["Quotas:TrainingBytesPerAvatar"] = "100",
        ["Quotas:TrainingBytesPerUser"] = "150",
        ["Quotas:FilesPerAvatar"] = "2",
        ["Quotas:AvatarsPerUser"] = "2",
        ["Quotas:WebhookSubscriptionsPerUser"] = "1",
        ["Quotas:OpenEventStreamsPerUser"] = "1",
        ["Webhooks:AllowLoopback"] = "true",
        ["AdapterApi:CreateWaitTimeout"] = "00:00:01",
        ["AdapterApi:RequestTimeout"] = "00:00:20",
        ["TrainingData:MetadataRequestTimeout"] = "00:00:20",
    };
}
