using System.Net;
using AdapterPipeline.WebhookService.Webhooks;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

public sealed class When_a_callback_url_is_checked
{
    private static WebhookUrlGuard Guard(bool allowLoopback = false, bool allowPrivate = false) =>
        new(new FixedOptions(new WebhookOptions { AllowLoopback = allowLoopback, AllowPrivateNetworks = allowPrivate }));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.5")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Should_refuse_loopback_addresses_by_default(string address) =>
        Assert.Contains("loopback", Guard().AddressProblem(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.1.2.3")]
    public void Should_refuse_private_network_addresses_by_default(string address) =>
        Assert.Contains("private", Guard().AddressProblem(IPAddress.Parse(address)));

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    public void Should_refuse_link_local_addresses_whatever_the_configuration(string address) =>
        Assert.Contains("link-local", Guard(allowLoopback: true, allowPrivate: true).AddressProblem(IPAddress.Parse(address)));

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Should_refuse_unspecified_addresses(string address) =>
        Assert.Contains("unspecified", Guard(allowLoopback: true, allowPrivate: true).AddressProblem(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void Should_allow_public_addresses(string address) => Assert.Null(Guard().AddressProblem(IPAddress.Parse(address)));

    [Fact]
    public void Should_allow_loopback_when_configured() => Assert.Null(Guard(allowLoopback: true).AddressProblem(IPAddress.Loopback));

    [Fact]
    public void Should_allow_private_networks_when_configured() => Assert.Null(Guard(allowPrivate: true).AddressProblem(IPAddress.Parse("10.0.0.1")));

    [Fact]
    public void Should_not_allow_private_networks_when_only_loopback_is_allowed() =>
        Assert.NotNull(Guard(allowLoopback: true).AddressProblem(IPAddress.Parse("192.168.0.1")));

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pass@example.com/hook")]
    [InlineData("")]
    public void Should_refuse_what_is_not_an_http_url(string url) => Assert.NotNull(WebhookUrlGuard.SyntaxProblem(url, out _));

    [Fact]
    public async Task Should_refuse_a_host_name_that_resolves_to_loopback() =>
        Assert.Contains("loopback", await Guard().UrlProblemAsync("http://localhost:8080/hook", CancellationToken.None));

    [Fact]
    public async Task Should_refuse_an_address_literal_in_a_private_network() =>
        Assert.Contains("private", await Guard().UrlProblemAsync("http://10.0.0.1/hook", CancellationToken.None));

    [Fact]
    public async Task Should_accept_a_loopback_url_when_configured() =>
        Assert.Null(await Guard(allowLoopback: true).UrlProblemAsync("http://127.0.0.1:8080/hook", CancellationToken.None));

    [Fact]
    public async Task Should_refuse_at_connection_time_a_host_that_resolves_to_a_refused_address()
    {
        // The name passes no check of its own: the connection itself is refused once "localhost" resolves to loopback.
        using var client = new HttpClient(WebhookHttpClient.CreateHandler(Guard()));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://localhost:9/"));

        Assert.Contains(Chain(e), x => x is WebhookAddressRefusedException);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    private sealed class FixedOptions(WebhookOptions value) : IOptionsMonitor<WebhookOptions>
    {
        public WebhookOptions CurrentValue => value;
        public WebhookOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<WebhookOptions, string?> listener) => null;
    }
}
