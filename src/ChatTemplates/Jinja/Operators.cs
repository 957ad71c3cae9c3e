using System.Globalization;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>Arithmetic, comparison, membership and concatenation with the reference renderer's type rules.</summary>
internal static class Operators
{
    public static object? Negate(string op, object? value) => (op, value) switch
    {
        ("-", long l) => (object)-l,
        ("-", double d) => (object)-d,
        ("+", long or double) => value,
        _ => throw new ChatTemplateException($"cannot apply unary '{op}' to a {Values.TypeName(value)}"),
    };

    public static object? Apply(string op, object? left, object? right)
    {
        switch (op)
        {
            case "==": return Values.AreEqual(left, right);
            case "!=": return !Values.AreEqual(left, right);
            case "in": return Contains(right, left);
            case "not in": return !Contains(right, left);
        }
        if (left is Undefined || right is Undefined)
            throw new ChatTemplateException($"cannot apply '{op}' to an undefined value");
        if (op == "~")
        {
            if (left is null || right is null) throw new ChatTemplateException("cannot apply '~' to none");
            return Values.ToText(left) + Values.ToText(right);
        }
        if (op == "+")
        {
            if (left is List<object?> a && right is List<object?> b) return a.Concat(b).ToList();
            if (left is string || right is string)
            {
                if (left is null || right is null) throw new ChatTemplateException("cannot add none to a string");
                return Values.ToText(left) + Values.ToText(right);
            }
        }
        if (left is string ls && right is string rs && op is "<" or ">" or "<=" or ">=")
        {
            var c = string.CompareOrdinal(ls, rs);
            return op switch { "<" => c < 0, ">" => c > 0, "<=" => c <= 0, _ => c >= 0 };
        }
        if (!IsNumber(left) || !IsNumber(right))
            throw new ChatTemplateException($"cannot apply '{op}' to a {Values.TypeName(left)} and a {Values.TypeName(right)}");
        if (left is long x && right is long y)
        {
            switch (op)
            {
                case "+": return x + y;
                case "-": return x - y;
                case "*": return x * y;
                case "//": return y == 0 ? throw DivisionByZero() : (long)Math.Floor((double)x / y);
                case "%": return y == 0 ? throw DivisionByZero() : ((x % y) + y) % y;
                case "**" when y >= 0: return (long)Math.Pow(x, y);
            }
        }
        var p = Convert.ToDouble(left, CultureInfo.InvariantCulture);
        var q = Convert.ToDouble(right, CultureInfo.InvariantCulture);
        return op switch
        {
            "+" => p + q,
            "-" => p - q,
            "*" => p * q,
            "/" => q == 0 ? throw DivisionByZero() : p / q,
            "//" => q == 0 ? throw DivisionByZero() : Math.Floor(p / q),
            "%" => q == 0 ? throw DivisionByZero() : p - q * Math.Floor(p / q),
            "**" => Math.Pow(p, q),
            "<" => p < q,
            ">" => p > q,
            "<=" => p <= q,
            ">=" => p >= q,
            _ => throw new ChatTemplateException($"unsupported operator '{op}'"),
        };
    }

    private static bool IsNumber(object? value) => value is long or double;

    private static ChatTemplateException DivisionByZero() => new("division by zero");

    private static bool Contains(object? container, object? item) => container switch
    {
        Undefined => false,
        string s when item is string sub => s.Contains(sub, StringComparison.Ordinal),
        List<object?> list => list.Any(x => Values.AreEqual(x, item)),
        Dictionary<string, object?> dict => item is string key && dict.ContainsKey(key),
        _ => throw new ChatTemplateException($"cannot test membership in a {Values.TypeName(container)}"),
    };
}
