namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

public enum PolicyEffect { Allow, Deny }

/// <summary>A statement applies to a request when one action and one resource match and every condition holds.</summary>
public sealed record PolicyStatement(
    string Sid, PolicyEffect Effect, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyList<PolicyCondition> Conditions)
{
    public bool AppliesTo(S3Request request) =>
        Actions.Any(a => Wildcard.Matches(a, request.Action))
        && Resources.Any(r => Wildcard.Matches(r, request.Resource))
        && Conditions.All(c => c.Holds(request.Context));
}
