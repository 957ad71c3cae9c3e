using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>JWT bearer tokens from the platform's identity provider, turned into the same <see cref="Caller"/> as an API key.</summary>
public static class JwtCallers
{
    public const string SchemeName = "Jwt";

    public static void Configure(JwtBearerOptions o, JwtOptions jwt)
    {
        o.MapInboundClaims = false;
        o.Authority = string.IsNullOrWhiteSpace(jwt.Authority) ? null : jwt.Authority;
        o.RequireHttpsMetadata = o.Authority?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? true;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidateIssuer = true,
            ValidAudience = jwt.Audience,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKeys = string.IsNullOrWhiteSpace(jwt.Jwks) ? null : new JsonWebKeySet(jwt.Jwks).GetSigningKeys(),
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (CallerOf(context.Principal!, jwt) is { } caller)
                {
                    context.Principal = caller.ToPrincipal(SchemeName);
                }
                else
                {
                    context.Fail($"The token carries neither a '{jwt.UserClaim}' claim nor the service scope.");
                }
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await BearerChallenge.WriteAsync(context.HttpContext);
            },
        };
    }

    /// <summary>A service caller when the scope claim holds the service scope, else the user the user claim names.</summary>
    public static Caller? CallerOf(ClaimsPrincipal principal, JwtOptions jwt)
    {
        var subject = principal.FindFirst("sub")?.Value ?? principal.FindFirst(jwt.UserClaim)?.Value;
        var scopes = principal.FindAll(jwt.ScopeClaim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (scopes.Contains(jwt.ServiceScope, StringComparer.Ordinal))
        {
            return new Caller($"jwt:{subject ?? "service"}", null, false);
        }
        return principal.FindFirst(jwt.UserClaim)?.Value is { Length: > 0 } userId ? new Caller($"jwt:{userId}", userId, false) : null;
    }
}
