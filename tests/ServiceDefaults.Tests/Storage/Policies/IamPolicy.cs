using System.Text.Json;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>
/// An IAM-style S3 policy with the evaluation rules MinIO follows, for the subset our policies use: an explicit Deny
/// beats any Allow, and what no statement allows is denied. Reading a policy refuses every element, operator, key or
/// action this evaluator does not implement, so a policy never passes by being misread.
/// </summary>
public sealed record IamPolicy(IReadOnlyList<PolicyStatement> Statements)
{
    /// <summary>Actions a policy may name (MinIO refuses unknown ones); each pattern in a policy must match one.</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:AbortMultipartUpload",
        "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads", "s3:CreateBucket", "s3:DeleteBucket",
    ];

    public bool Allows(S3Request request)
    {
        var applying = Statements.Where(s => s.AppliesTo(request)).ToList();
        return applying.Any(s => s.Effect == PolicyEffect.Allow) && applying.All(s => s.Effect != PolicyEffect.Deny);
    }

    public static IamPolicy Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        OnlyProperties(root, "policy", "Version", "Statement");
        if (root.GetProperty("Version").GetString() != "2012-10-17")
            throw new NotSupportedException("Only policy version 2012-10-17 is implemented.");
        var statements = root.GetProperty("Statement");
        return new IamPolicy(statements.ValueKind == JsonValueKind.Array
            ? statements.EnumerateArray().Select(ParseStatement).ToList()
            : [ParseStatement(statements)]);
    }

    private static PolicyStatement ParseStatement(JsonElement s)
    {
        // NotAction, NotResource, Principal and the like change what a statement means: refuse rather than ignore.
        OnlyProperties(s, "statement", "Sid", "Effect", "Action", "Resource", "Condition");
        var sid = s.TryGetProperty("Sid", out var id) ? id.GetString() ?? "" : "";
        var effect = s.GetProperty("Effect").GetString() switch
        {
            "Allow" => PolicyEffect.Allow,
            "Deny" => PolicyEffect.Deny,
            var other => throw new NotSupportedException($"Statement '{sid}': effect '{other}' is neither Allow nor Deny."),
        };
        var actions = Strings(s.GetProperty("Action"));
        if (actions.FirstOrDefault(a => !KnownActions.Any(k => Wildcard.Matches(a, k))) is { } unknown)
            throw new NotSupportedException($"Statement '{sid}': action '{unknown}' matches no known S3 action.");
        var resources = Strings(s.GetProperty("Resource"));
        if (resources.FirstOrDefault(r => !r.StartsWith("arn:aws:s3:::", StringComparison.Ordinal) || r.Contains("${", StringComparison.Ordinal)) is { } odd)
            throw new NotSupportedException($"Statement '{sid}': resource '{odd}' is not a plain S3 ARN pattern.");
        // Operators are ANDed, and so are the keys under each; a key's values are ORed (PolicyCondition.Holds).
        var conditions = s.TryGetProperty("Condition", out var c)
            ? c.EnumerateObject()
                .SelectMany(op => op.Value.EnumerateObject().Select(key => PolicyCondition.Create(op.Name, key.Name, Strings(key.Value))))
                .ToList()
            : [];
        return new PolicyStatement(sid, effect, actions, resources, conditions);
    }

    private static List<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
            value.EnumerateArray().Select(v => v.GetString()!).ToList(),
        _ => throw new NotSupportedException($"Expected a string or an array of strings, got {value.GetRawText()}."),
    };

    private static void OnlyProperties(JsonElement element, string what, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new NotSupportedException($"A {what} must be a JSON object.");
        if (element.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !allowed.Contains(n)) is { } extra)
            throw new NotSupportedException($"The {what} element '{extra}' is not implemented by this evaluator.");
    }
}
