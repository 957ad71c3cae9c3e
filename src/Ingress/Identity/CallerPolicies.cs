using Microsoft.AspNetCore.Authorization;

namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// The two policies: <see cref="Caller"/> (every API route: an authenticated caller acting for the <c>{user_id}</c>
/// of the route, and not changing anything with a read-only key) and <see cref="Admin"/> (a service key that may change things).
/// </summary>
public static class CallerPolicies
{
    public const string Caller = "caller";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Caller, p => p.RequireAuthenticatedUser().AddRequirements(new ActsForRouteUser()));
        o.AddPolicy(Admin, p => p.RequireAuthenticatedUser().AddRequirements(new IsAdmin()));
    }

    /// <summary>A refusal naming the field it is about, answered as a 403 problem by <see cref="ForbiddenProblems"/>.</summary>
    public sealed class FieldFailure(IAuthorizationHandler handler, string field, string message) : AuthorizationFailureReason(handler, message)
    {
        public string Field { get; } = field;
    }

    public sealed class ActsForRouteUser : AuthorizationHandler<ActsForRouteUser>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ActsForRouteUser requirement)
        {
            if (Identity.Caller.From(context.User) is not { } caller || context.Resource is not HttpContext http)
            {
                return Task.CompletedTask;
            }
            if (http.GetRouteValue("user_id") is string userId && !caller.MayActFor(userId))
            {
                context.Fail(new FieldFailure(this, "user_id", "is not the user this credential is bound to"));
            }
            else if (caller.ReadOnly && !IsRead(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<ChangesNothing>() is null)
            {
                context.Fail(new FieldFailure(this, "authorization", "the credential is read-only"));
            }
            else
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }

    public sealed class IsAdmin : AuthorizationHandler<IsAdmin>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, IsAdmin requirement)
        {
            if (Identity.Caller.From(context.User) is { IsService: true, ReadOnly: false })
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new FieldFailure(this, "authorization", "managing API keys takes a service key that is not read-only"));
            }
            return Task.CompletedTask;
        }
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
