using AdapterPipeline.TestSupport;
using AdapterPipeline.WebhookService.Webhooks;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>Signing secrets lie in PostgreSQL only encrypted, under a Data Protection key ring kept in the same database.</summary>
[Collection(WebhookCollection.Name)]
public sealed class When_signing_secrets_are_stored(WebhookSystem system)
{
    private readonly Subscriber subscriber = new(system);
    private IDocumentStore Store => system.Service.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Should_store_a_subscription_secret_encrypted_and_sign_with_the_plain_one()
    {
        var created = await subscriber.SubscribeAsync(system.Receiver.UrlFor(WebhookReceiver.NewPath()));
        var secret = created.GetProperty("secret").GetString()!;

        await using var session = Store.QuerySession();
        var stored = await session.LoadAsync<WebhookSubscription>(created.GetProperty("subscription_id").GetGuid());
        var keys = await session.Query<DataProtectionKeyDocument>().ToListAsync();

        Assert.NotNull(stored);
        Assert.DoesNotContain(secret[WebhookSecrets.Prefix.Length..], stored.Secret);
        Assert.Equal(secret, system.Service.Services.GetRequiredService<WebhookSecretProtector>().Unprotect(stored.Secret));
        Assert.NotEmpty(keys);
    }

    [Fact]
    public async Task Should_store_the_job_webhook_secret_encrypted()
    {
        var secret = (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString()!;

        await using var session = Store.QuerySession();
        var stored = await session.LoadAsync<JobWebhookSecretDocument>(subscriber.UserId);

        Assert.NotNull(stored);
        Assert.StartsWith(WebhookSecrets.Prefix, secret);
        Assert.DoesNotContain(secret[WebhookSecrets.Prefix.Length..], stored.Secret);
        Assert.Equal(secret, (await subscriber.GetAsync("/secret")).GetProperty("secret").GetString());
    }
}
