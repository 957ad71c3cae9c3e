using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdapterPipeline.TestSupport;

namespace AdapterPipeline.SystemTests;

/// <summary>One fresh avatar and the HTTP calls the tests make for it.</summary>
public sealed class AvatarClient(HttpClient http)
{
    public string UserId { get; } = "user-" + Guid.NewGuid().ToString("N")[..8];

    public string AvatarId { get; } = "avatar-" + Guid.NewGuid().ToString("N")[..8];

    public string Adapters => $"/adapters/{UserId}/{AvatarId}";

    /// <summary>A few lines a tiny model memorises in a handful of steps.</summary>
    public const string Corpus = "Ada keeps the light on Gull Rock. The Marigold passed at noon. Lit the lamp at six. ";

    public async Task UploadAsync(params (string Name, string Text)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(part, "files", name);
        }
        using var response = await http.PostAsync($"/training-data/{UserId}/{AvatarId}/upload?use_for_training=true", form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task UploadCorpusAsync() => UploadAsync(("persona.txt", string.Concat(Enumerable.Repeat(Corpus, 12))));

    /// <summary>Enough text that 100 epochs run for minutes: for tests that act while a job trains.</summary>
    public Task UploadLongCorpusAsync() => UploadAsync(("persona.txt", string.Concat(Enumerable.Repeat(Corpus, 300))));

    public static object Long() => Quick(epochs: 100);

    public async Task<HttpResponseMessage> TrainAsync(object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Adapters}/train")
        {
            Content = JsonContent.Create(body ?? Quick()),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Settings that train tiny-llama in seconds on a CPU.</summary>
    public static object Quick(int epochs = 1, string? webhookUrl = null) => new
    {
        num_epochs = epochs,
        batch_size = 2,
        max_seq_length = 32,
        learning_rate = 1e-3,
        base_model = "tiny-llama",
        webhook_url = webhookUrl,
    };

    public async Task<Guid> StartJobAsync(object? body = null)
    {
        using var response = await TrainAsync(body);
        var json = await JsonAsync(response, HttpStatusCode.Accepted);
        return json.GetProperty("job_id").GetGuid();
    }

    public async Task<JsonElement> JobAsync(Guid jobId) => await JsonAsync(await http.GetAsync($"/jobs/{jobId}"), HttpStatusCode.OK);

    public Task<JsonElement> WaitForStateAsync(Guid jobId, Func<string, bool> reached, TimeSpan? timeout = null) =>
        Eventually.Until(() => JobAsync(jobId), job => reached(job.GetProperty("state").GetString()!), timeout ?? TimeSpan.FromMinutes(3),
            $"job {jobId} reaching the awaited state", job => job.GetRawText());

    public Task<JsonElement> WaitForEndAsync(Guid jobId, TimeSpan? timeout = null) =>
        WaitForStateAsync(jobId, s => s is "succeeded" or "failed" or "cancelled", timeout);

    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await JsonAsync(await http.GetAsync(path), expected);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A problem-details answer with the expected status; returns its field errors.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem.GetProperty("errors");
    }
}
