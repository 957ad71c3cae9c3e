using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>Answers a refused authorization as 403 problem details naming the field, like every other refusal.</summary>
public sealed class ForbiddenProblems(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var errors = authorizeResult.AuthorizationFailure?.FailureReasons.OfType<CallerPolicies.FieldFailure>()
            .GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray())
            ?? [];
        if (errors.Count == 0)
        {
            errors["authorization"] = ["the credential may not do this"];
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden.",
                Detail = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}.")),
            },
        });
    }
}
