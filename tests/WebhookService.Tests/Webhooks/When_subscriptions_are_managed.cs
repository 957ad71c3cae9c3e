using AdapterPipeline.TestSupport;
using System.Net.Http.Json;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

[Collection(WebhookCollection.Name)]
public sealed class When_subscriptions_are_managed(WebhookSystem system)
{
    private readonly Subscriber subscriber = new(system);
    private HttpClient Http => system.Http;

    [Fact]
    public async Task Should_answer_201_with_the_secret_and_all_events_by_default()
    {
        var created = await subscriber.SubscribeAsync(system.Receiver.UrlFor(WebhookReceiver.NewPath()));

        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString());
        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(5, created.GetProperty("events").GetArrayLength());
        Assert.NotEqual(Guid.Empty, created.GetProperty("subscription_id").GetGuid());
        Assert.True(created.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Should_list_them_without_their_secrets()
    {
        var created = await subscriber.SubscribeAsync(system.Receiver.UrlFor(WebhookReceiver.NewPath()), "adapter.created");

        var list = await subscriber.GetAsync("/subscriptions");

        var listed = Assert.Single(list.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal(created.GetProperty("subscription_id").GetGuid(), listed.GetProperty("subscription_id").GetGuid());
        Assert.Equal(["adapter.created"], listed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.False(listed.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task Should_delete_one_and_then_answer_404_for_it()
    {
        var created = await subscriber.SubscribeAsync(system.Receiver.UrlFor(WebhookReceiver.NewPath()));
        var url = $"{subscriber.Base}/subscriptions/{created.GetProperty("subscription_id").GetGuid()}";

        using (var deleted = await Http.DeleteAsync(url))
        {
            Assert.Equal(204, (int)deleted.StatusCode);
        }
        Assert.Empty((await subscriber.GetAsync("/subscriptions")).GetProperty("subscriptions").EnumerateArray());
        using var again = await Http.DeleteAsync(url);
        Assert.Contains("subscription_id", (await Subscriber.ProblemAsync(again, 404)).Keys);
    }

    [Fact]
    public async Task Should_answer_404_for_another_users_subscription()
    {
        var created = await new Subscriber(system).SubscribeAsync(system.Receiver.UrlFor(WebhookReceiver.NewPath()));

        using var response = await Http.DeleteAsync($"{subscriber.Base}/subscriptions/{created.GetProperty("subscription_id").GetGuid()}");

        await Subscriber.ProblemAsync(response, 404);
    }

    [Theory]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://192.168.1.20:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("not a url")]
    public async Task Should_answer_422_naming_url_for_a_refused_url(string url)
    {
        using var response = await subscriber.TrySubscribeAsync(url);

        Assert.Contains("url", (await Subscriber.ProblemAsync(response, 422)).Keys);
        Assert.Empty((await subscriber.GetAsync("/subscriptions")).GetProperty("subscriptions").EnumerateArray());
    }

    [Fact]
    public async Task Should_answer_400_naming_events_for_an_unknown_event_type()
    {
        using var response = await subscriber.TrySubscribeAsync(system.Receiver.UrlFor("/x"), "adapter.exploded");

        Assert.Contains("events", (await Subscriber.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_answer_400_naming_user_id_for_a_bad_user_id()
    {
        using var response = await Http.PostAsJsonAsync("/webhooks/bad%20user/subscriptions", new { url = system.Receiver.UrlFor("/x") });

        Assert.Contains("user_id", (await Subscriber.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_delivery()
    {
        using var get = await Http.GetAsync($"{subscriber.Base}/deliveries/{Guid.NewGuid()}");
        using var redeliver = await Http.PostAsync($"{subscriber.Base}/deliveries/{Guid.NewGuid()}/redeliver", null);

        await Subscriber.ProblemAsync(get, 404);
        await Subscriber.ProblemAsync(redeliver, 404);
    }

    [Fact]
    public async Task Should_answer_400_naming_cursor_for_a_cursor_it_did_not_give()
    {
        using var response = await Http.GetAsync($"{subscriber.Base}/deliveries?cursor=bm90LWEtY3Vyc29y");

        Assert.Contains("cursor", (await Subscriber.ProblemAsync(response, 400)).Keys);
    }

    [Fact]
    public async Task Should_keep_one_job_webhook_secret_per_user()
    {
        var first = (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString();
        var again = (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString();
        var someoneElse = (await new Subscriber(system).GetAsync("/secret")).GetProperty("secret").GetString();

        Assert.StartsWith("whsec_", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, someoneElse);
    }

    [Fact]
    public async Task Should_describe_every_webhook_route_in_the_openapi_document()
    {
        var document = await Http.GetStringAsync("/openapi/v1.json");

        foreach (var route in new[]
                 {
                     "/webhooks/{user_id}/subscriptions", "/webhooks/{user_id}/subscriptions/{subscription_id}", "/webhooks/{user_id}/secret",
                     "/webhooks/{user_id}/deliveries", "/webhooks/{user_id}/deliveries/{delivery_id}", "/webhooks/{user_id}/deliveries/{delivery_id}/redeliver",
                 })
        {
            Assert.Contains($"\"{route}\"", document);
        }
    }
}
