using System.Globalization;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>
/// One operator on one condition key, with its values ORed. A key absent from the request fails every operator
/// but <c>Null</c>, which asks exactly whether it is absent.
/// </summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>The operators and keys the shipped policies use; anything else is refused when a policy is read.</summary>
    public static readonly IReadOnlySet<string> Operators = new HashSet<string> { "StringEquals", "StringLike", "NumericLessThanEquals", "Null" };

    public static readonly IReadOnlySet<string> Keys = new HashSet<string> { "s3:prefix", "s3:max-keys" };

    public static PolicyCondition Create(string op, string key, IReadOnlyList<string> values)
    {
        if (!Operators.Contains(op)) throw new NotSupportedException($"Condition operator '{op}' is not implemented by this evaluator.");
        if (!Keys.Contains(key)) throw new NotSupportedException($"Condition key '{key}' is not implemented by this evaluator.");
        if (values.Count == 0) throw new NotSupportedException($"Condition {op} on '{key}' has no values.");
        if (op == "NumericLessThanEquals" && values.Any(v => !decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
            throw new NotSupportedException($"Condition {op} on '{key}' has a value that is not a number.");
        if (op == "Null" && values.Any(v => v is not ("true" or "false")))
            throw new NotSupportedException($"Condition Null on '{key}' must be \"true\" or \"false\".");
        if (values.Any(v => v.Contains("${", StringComparison.Ordinal)))
            throw new NotSupportedException($"Condition {op} on '{key}' uses a policy variable, which this evaluator does not expand.");
        return new PolicyCondition(op, key, values);
    }

    public bool Holds(IReadOnlyDictionary<string, string> context)
    {
        var present = context.TryGetValue(Key, out var actual);
        return Operator switch
        {
            "Null" => Values.Any(v => (v == "true") != present),
            _ when !present => false,
            "StringEquals" => Values.Any(v => string.Equals(v, actual, StringComparison.Ordinal)),
            "StringLike" => Values.Any(v => Wildcard.Matches(v, actual!)),
            "NumericLessThanEquals" => decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                && Values.Any(v => n <= decimal.Parse(v, CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"Condition operator '{Operator}' is not implemented by this evaluator."),
        };
    }
}
