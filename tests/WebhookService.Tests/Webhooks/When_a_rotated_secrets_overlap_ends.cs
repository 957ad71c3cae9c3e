using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>The webhook system with a rotated secret's overlap short enough to see it end.</summary>
public sealed class ShortOverlapWebhookSystem() : WebhookSystem(WithOverlap)
{
    /// <summary>Long beside the time a webhook takes to arrive here (well under a second), short for a test to wait out.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string?> WithOverlap = new(Settings) { ["Webhooks:SecretRotationOverlap"] = Overlap.ToString() };
}

/// <summary>
/// Once the overlap has passed, the rotated-out secret stops signing: webhooks carry the new secret's signature alone.
/// </summary>
public sealed class When_a_rotated_secrets_overlap_ends(ShortOverlapWebhookSystem system) : IClassFixture<ShortOverlapWebhookSystem>
{
    private readonly Subscriber subscriber = new(system.Http, system.Service.Services.GetRequiredService<IBus>());
    private WebhookReceiver Receiver => system.Receiver;

    [Fact]
    public async Task Should_sign_a_subscriptions_webhooks_with_both_secrets_then_the_new_one_alone()
    {
        var path = WebhookReceiver.NewPath();
        var subscription = await subscriber.SubscribeAsync(Receiver.UrlFor(path));
        var old = subscription.GetProperty("secret").GetString()!;

        var secret = (await subscriber.PostAsync($"/subscriptions/{subscription.GetProperty("subscription_id").GetGuid()}/secret/rotate"))
            .GetProperty("secret").GetString()!;

        await AssertSignedByBothThenTheNewOneAsync(old, secret, async () =>
        {
            var count = Receiver.At(path).Count;
            await subscriber.JobEndsAsync();
            return (await Receiver.WaitForAsync(path, count + 1))[count];
        });
    }

    [Fact]
    public async Task Should_sign_a_jobs_own_webhooks_with_both_secrets_then_the_new_one_alone()
    {
        var old = (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString()!;

        var secret = (await subscriber.PostAsync("/secret/rotate")).GetProperty("secret").GetString()!;

        await AssertSignedByBothThenTheNewOneAsync(old, secret, async () =>
        {
            var path = WebhookReceiver.NewPath();
            await subscriber.JobEndsAsync(TrainingJobKind.Create, TrainingJobStates.Succeeded, webhookUrl: Receiver.UrlFor(path));
            return (await Receiver.WaitForAsync(path))[0];
        });
    }

    /// <param name="nextWebhook">Causes one more webhook and returns it as received.</param>
    private static async Task AssertSignedByBothThenTheNewOneAsync(string old, string secret, Func<Task<WebhookReceiver.Received>> nextWebhook)
    {
        var during = await nextWebhook();
        Assert.Equal(2, Signatures(during));
        Assert.True(WebhookReceiver.HasValidSignature(during, secret));
        Assert.True(WebhookReceiver.HasValidSignature(during, old));

        var after = await Eventually.Until(nextWebhook, got => Signatures(got) == 1, ShortOverlapWebhookSystem.Overlap + TimeSpan.FromSeconds(30),
            "a webhook signed by one secret after the overlap", got => got.Headers["webhook-signature"]);

        Assert.True(WebhookReceiver.HasValidSignature(after, secret));
        Assert.False(WebhookReceiver.HasValidSignature(after, old));
    }

    private static int Signatures(WebhookReceiver.Received webhook) => webhook.Headers["webhook-signature"].Split(' ').Length;
}
