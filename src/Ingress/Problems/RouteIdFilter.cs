using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.Ingress.Problems;

/// <summary>
/// Checks the ids a route carries (<c>user_id</c>, <c>avatar_id</c>, <c>file_name</c>) once for a whole route group,
/// before its handler runs, so that no handler repeats the check. A bad id is a 400 naming each bad field.
/// </summary>
public static class RouteIdFilter
{
    public static RouteGroupBuilder WithRouteIdChecks(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(CheckAsync);
        return group;
    }

    private static ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ApiProblemException.ThrowIfAny(Check(context.HttpContext.Request.RouteValues));
        return next(context);
    }

    public static ValidationErrors Check(RouteValueDictionary route)
    {
        var errors = new ValidationErrors();
        if (route.TryGetValue("user_id", out var userId))
        {
            errors.AddIf("user_id", InputRules.IdProblem(userId?.ToString()));
        }
        if (route.TryGetValue("avatar_id", out var avatarId))
        {
            errors.AddIf("avatar_id", InputRules.IdProblem(avatarId?.ToString()));
        }
        if (route.TryGetValue("file_name", out var fileName))
        {
            errors.AddIf("file_name", InputRules.FileNameProblem(fileName?.ToString()));
        }
        return errors;
    }
}
