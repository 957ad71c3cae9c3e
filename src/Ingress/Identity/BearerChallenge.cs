using Microsoft.Net.Http.Headers;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// The one 401 answer: problem details naming <c>authorization</c>, with <c>WWW-Authenticate: Bearer</c> (in OpenAI's
/// error shape on routes marked <see cref="AnswersInOpenAiShape"/>).
/// </summary>
public static class BearerChallenge
{
    public static async Task WriteAsync(HttpContext http)
    {
        var tokenGiven = http.Request.Headers.Authorization.Count > 0;
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers[HeaderNames.WWWAuthenticate] = tokenGiven
            ? "Bearer error=\"invalid_token\", error_description=\"The token is malformed, unknown, revoked or expired.\""
            : "Bearer";
        var message = tokenGiven
            ? "The bearer token is malformed, unknown, revoked or expired."
            : "Send 'Authorization: Bearer <token>' with an API key or a token from the identity provider.";
        if (http.GetEndpoint()?.Metadata.GetMetadata<AnswersInOpenAiShape>() is not null)
        {
            await http.Response.WriteAsJsonAsync(new { error = new { message, type = "invalid_request_error", param = (string?)null, code = "invalid_api_key" } });
            return;
        }
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["authorization"] = [message] })
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unauthorized.",
            Detail = message,
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
