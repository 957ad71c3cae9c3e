using AdapterPipeline.Contracts.Webhooks;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

/// <summary>The metadata service asks over the bus before accepting a job with its own webhook URL.</summary>
[Collection(WebhookCollection.Name)]
public sealed class When_a_job_webhook_url_is_checked(WebhookSystem system)
{
    private async Task<WebhookUrlChecked> CheckAsync(string url)
    {
        var client = system.Service.Services.GetRequiredService<IBus>().CreateRequestClient<CheckWebhookUrl>();
        return (await client.GetResponse<WebhookUrlChecked>(new CheckWebhookUrl(url))).Message;
    }

    [Fact]
    public async Task Should_allow_a_url_the_subscriptions_may_use()
    {
        var url = system.Receiver.UrlFor(WebhookReceiver.NewPath());

        var checkedUrl = await CheckAsync(url);

        Assert.Equal(url, checkedUrl.Url);
        Assert.Null(checkedUrl.Problem);
    }

    [Theory]
    [InlineData("http://10.1.2.3/hook", "private network")]
    [InlineData("ftp://example.com/hook", "absolute http or https")]
    [InlineData("http://169.254.169.254/latest", "link-local")]
    public async Task Should_say_why_the_guard_refuses_one(string url, string expected)
    {
        var checkedUrl = await CheckAsync(url);

        Assert.Contains(expected, checkedUrl.Problem);
    }
}
