using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>
/// The real Ingress (Kestrel), the webhook service and a webhook receiver on an isolated slice of RabbitMQ,
/// PostgreSQL and S3, shared by the classes of <see cref="WebhookCollection"/>; each test is its own user.
/// </summary>
public class WebhookSystem : SystemFixture
{
    public WebhookSystem() : this(Settings)
    {
    }

    /// <param name="settings">Settings in place of <see cref="Settings"/>, for a system configured otherwise.</param>
    protected WebhookSystem(IReadOnlyDictionary<string, string?> settings) : base(settings, TimeSpan.FromMinutes(1), b => b.AddWebhookService())
    {
    }

    /// <summary>A short schedule (four attempts over about three seconds) and quick polling keep retry tests fast.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:Timeout"] = "00:00:03",
        ["Webhooks:RetrySchedule:0"] = "00:00:00",
        ["Webhooks:RetrySchedule:1"] = "00:00:00.500",
        ["Webhooks:RetrySchedule:2"] = "00:00:01",
        ["Webhooks:RetrySchedule:3"] = "00:00:01.500",
        ["TrainingData:MetadataRequestTimeout"] = "00:00:30",
    };

    public IHost Service => Hosts[0];
    public WebhookReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookSystem>
{
    public const string Name = "webhooks";
}

/// <summary>A fresh user and the calls a webhook subscriber makes, so tests read like the API's description.</summary>
public sealed class Subscriber(HttpClient http, IBus bus)
{
    public Subscriber(WebhookSystem system) : this(system.Http, system.Service.Services.GetRequiredService<IBus>())
    {
    }

    public string UserId { get; } = "u-" + Guid.NewGuid().ToString("N")[..10];
    public string Base => $"/webhooks/{UserId}";

    public Task<HttpResponseMessage> TrySubscribeAsync(string url, params string[] events) =>
        http.PostAsJsonAsync($"{Base}/subscriptions", new { url, events = events.Length == 0 ? null : events, description = "test receiver" });

    /// <returns>The created subscription (with its secret).</returns>
    public async Task<JsonElement> SubscribeAsync(string url, params string[] events)
    {
        using var response = await TrySubscribeAsync(url, events);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, $"expected 201, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public Task<TrainingJobEnded> JobEndsAsync(string kind = TrainingJobKind.Train, string state = TrainingJobStates.Succeeded, string? webhookUrl = null) =>
        PublishAsync(new TrainingJobEnded(Guid.NewGuid(), kind, UserId, "avatar-1", "main", state,
            state == TrainingJobStates.Succeeded ? 2 : null, state == TrainingJobStates.Failed ? "loss diverged" : null, webhookUrl, DateTimeOffset.UtcNow));

    public async Task<T> PublishAsync<T>(T message) where T : class
    {
        await bus.Publish(message);
        return message;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await http.GetAsync($"{Base}{path}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public async Task<JsonElement> PostAsync(string path)
    {
        using var response = await http.PostAsync($"{Base}{path}", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public async Task<List<JsonElement>> DeliveriesAsync() => (await GetAsync("/deliveries")).GetProperty("deliveries").EnumerateArray().ToList();

    /// <summary>Polls the deliveries endpoint until one delivery satisfies <paramref name="condition"/>.</summary>
    public async Task<JsonElement> WaitForDeliveryAsync(Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        var deliveries = await Eventually.Until(DeliveriesAsync, all => all.Any(condition), timeout ?? TimeSpan.FromSeconds(20),
            "a delivery as expected", all => JsonSerializer.Serialize(all));
        return deliveries.First(condition);
    }

    public static string State(JsonElement delivery) => delivery.GetProperty("state").GetString()!;

    public static List<JsonElement> Attempts(JsonElement delivery) => delivery.GetProperty("attempts").EnumerateArray().ToList();

    /// <summary>Asserts the status and the problem-details shape, and returns the <c>errors</c> dictionary.</summary>
    public static async Task<Dictionary<string, string[]>> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}
