using AdapterPipeline.WebhookService.Webhooks;

namespace AdapterPipeline.WebhookService.Tests.Webhooks;

public sealed class When_a_webhook_is_signed
{
    // Computed independently with Python's hmac and with `openssl dgst -sha256 -mac HMAC` (the first is also the
    // example of the Standard Webhooks specification).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void Should_match_the_standard_webhooks_reference_vector()
    {
        var signature = WebhookSignature.Sign(Secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Should_sign_the_utf8_bytes_of_the_body()
    {
        var body = """{"type":"adapter.training.succeeded","data":{"job_id":"x","adapter_name":"größe"}}""";

        Assert.Equal("v1,Ub3zBbhCT8TUklx5AVO1maqSmcb0+tclbATsz0LD/9A=", WebhookSignature.Sign(Secret, "msg_1", 1700000000, body));
    }

    [Fact]
    public void Should_change_when_the_timestamp_changes()
    {
        Assert.NotEqual(
            WebhookSignature.Sign(Secret, "msg_1", 1700000000, "{}"),
            WebhookSignature.Sign(Secret, "msg_1", 1700000001, "{}"));
    }

    [Fact]
    public void Should_make_secrets_of_32_random_bytes_in_the_whsec_form()
    {
        var a = WebhookSecrets.New();
        var b = WebhookSecrets.New();

        Assert.StartsWith("whsec_", a);
        Assert.Equal(32, WebhookSecrets.KeyOf(a).Length);
        Assert.NotEqual(a, b);
    }
}
