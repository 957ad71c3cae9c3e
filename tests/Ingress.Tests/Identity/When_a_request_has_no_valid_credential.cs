using System.Net;
using AdapterPipeline.Ingress.Tests.TrainingData;

namespace AdapterPipeline.Ingress.Tests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class When_a_request_has_no_valid_credential(IdentitySystem system)
{
    [Fact]
    public async Task Should_answer_401_with_a_bearer_challenge_when_no_token_is_sent()
    {
        using var anonymous = system.Ingress.CreateClientWith(null);

        using var response = await anonymous.GetAsync("/training-data/alice/a1/list");

        Assert.Contains("authorization", (await Avatar.ProblemAsync(response, 401)).Keys);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Theory]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer ap_live_0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer a.b.c")]
    public async Task Should_answer_401_invalid_token_for_a_malformed_or_unknown_token(string header)
    {
        using var client = system.Ingress.CreateClientWith(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        using var response = await client.GetAsync("/training-data/alice/a1/list");

        await Avatar.ProblemAsync(response, 401);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs")]
    public async Task Should_leave_health_the_api_document_and_the_reference_open(string path)
    {
        using var anonymous = system.Ingress.CreateClientWith(null);

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Should_declare_the_bearer_scheme_on_protected_operations()
    {
        using var anonymous = system.Ingress.CreateClientWith(null);
        var document = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var upload = document.GetProperty("paths").GetProperty("/training-data/{user_id}/{avatar_id}/upload").GetProperty("post");
        Assert.True(upload.GetProperty("security")[0].TryGetProperty("Bearer", out _));
    }
}
