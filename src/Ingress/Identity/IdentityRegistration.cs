using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace AdapterPipeline.Ingress.Identity;

public static class IdentityRegistration
{
    private const string BearerScheme = "Bearer";

    /// <summary>
    /// Bearer authentication (API keys, and JWTs when <c>Auth:Jwt:Issuer</c> is set: a policy scheme picks one by the
    /// token's shape), the caller and admin policies, per-caller rate limits and the bearer scheme in OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var jwt = section.GetSection("Jwt").Get<JwtOptions>() ?? new JwtOptions();

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyVerifier>();
        builder.Services.AddScoped<JobOwnerFilter>();

        var authentication = builder.Services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "API key or JWT", o => o.ForwardDefaultSelector = http =>
                jwt.Enabled && BearerToken.Of(http.Request) is { } token && BearerToken.LooksLikeJwt(token)
                    ? JwtCallers.SchemeName
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (jwt.Enabled)
        {
            authentication.AddJwtBearer(JwtCallers.SchemeName, o => JwtCallers.Configure(o, jwt));
        }

        builder.Services.AddAuthorization(CallerPolicies.Add);
        builder.Services.AddSingleton<IAuthorizationHandler, CallerPolicies.ActsForRouteUser>();
        builder.Services.AddSingleton<IAuthorizationHandler, CallerPolicies.IsAdmin>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenProblems>();
        builder.Services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
        });
        return builder;
    }

    /// <summary>Authentication, then authorization.</summary>
    public static WebApplication UseIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
