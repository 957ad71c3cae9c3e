using System.Net;
using System.Security.Cryptography;
using System.Text;
using AdapterPipeline.MetadataService;
using AdapterPipeline.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdapterPipeline.Ingress.Tests.Identity;

/// <summary>Tokens signed with a local key, the matching JWKS configured inline.</summary>
public sealed class When_jwt_bearer_tokens_are_presented : IAsyncLifetime
{
    private const string Issuer = "https://id.example.test/";
    private const string Audience = "adapter-pipeline";
    private readonly RsaSecurityKey signingKey = new(RSA.Create(2048)) { KeyId = "test-key" };
    private readonly IsolatedInfrastructure infrastructure = new();
    private IHost metadata = null!;
    private IngressServer ingress = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        metadata = await ServiceHost.StartAsync(infrastructure, b => b.AddMetadataService());
        var publicKey = signingKey.Rsa.ExportParameters(false);
        var jwks = System.Text.Json.JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", kid = "test-key", use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(publicKey.Modulus), e = Base64UrlEncoder.Encode(publicKey.Exponent) },
            },
        });
        ingress = new IngressServer(infrastructure, new Dictionary<string, string?>
        {
            ["Auth:Jwt:Issuer"] = Issuer,
            ["Auth:Jwt:Audience"] = Audience,
            ["Auth:Jwt:Jwks"] = jwks,
        });
        ingress.StartServer();
    }

    public async Task DisposeAsync()
    {
        await ingress.DisposeAsync();
        await metadata.StopAsync();
        metadata.Dispose();
        await infrastructure.DisposeAsync();
    }

    private string Token(
        string subject = "alice", string issuer = Issuer, string audience = Audience, DateTime? expires = null,
        SecurityKey? key = null, string? scope = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (scope is not null)
        {
            claims["scope"] = scope;
        }
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = expiry.AddMinutes(-20),
            IssuedAt = expiry.AddMinutes(-20),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key ?? signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpStatusCode> ListAsync(string token, string userId = "alice")
    {
        using var client = ingress.CreateClientWith(token);
        using var response = await client.GetAsync($"/training-data/{userId}/a1/list");
        return response.StatusCode;
    }

    [Fact]
    public async Task Should_accept_a_valid_token_for_its_own_user() => Assert.Equal(HttpStatusCode.OK, await ListAsync(Token()));

    [Fact]
    public async Task Should_refuse_a_valid_token_for_another_user() => Assert.Equal(HttpStatusCode.Forbidden, await ListAsync(Token(), "bob"));

    [Fact]
    public async Task Should_let_the_service_scope_act_for_any_user() =>
        Assert.Equal(HttpStatusCode.OK, await ListAsync(Token(subject: "backend", scope: "openid adapter-pipeline:service"), "bob"));

    [Fact]
    public async Task Should_refuse_an_expired_token() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(Token(expires: DateTime.UtcNow.AddMinutes(-5))));

    [Fact]
    public async Task Should_refuse_a_token_for_another_audience() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(Token(audience: "someone-else")));

    [Fact]
    public async Task Should_refuse_a_token_from_another_issuer() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(Token(issuer: "https://evil.example.test/")));

    [Fact]
    public async Task Should_refuse_a_token_with_a_bad_signature() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(Token(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key" })));

    [Fact]
    public async Task Should_refuse_an_unsigned_token()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var unsigned = $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"sub\":\"alice\",\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"exp\":{exp}}}")}.";

        Assert.Equal(HttpStatusCode.Unauthorized, await ListAsync(unsigned));
    }

    [Fact]
    public async Task Should_still_accept_api_keys() => Assert.Equal(HttpStatusCode.OK, await ListAsync(TestApiKeys.Bootstrap));
}
