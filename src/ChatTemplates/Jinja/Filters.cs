namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>The filters (<c>value | name(args)</c>) real chat templates use.</summary>
internal static class Filters
{
    public static object? Apply(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> named) => name switch
    {
        "trim" => StringMethods.Strip(Text(value, name), args.Count > 0 ? args[0] as string : null, true, true),
        "upper" => Text(value, name).ToUpperInvariant(),
        "lower" => Text(value, name).ToLowerInvariant(),
        "capitalize" or "title" => ((Callable)StringMethods.Bind(Text(value, name), name)!)([], named),
        "replace" => ((Callable)StringMethods.Bind(Text(value, name), "replace")!)(args, named),
        "length" or "count" => Length(value),
        "string" => value is Undefined ? "" : Values.ToText(value),
        "tojson" => Builtins.JsonOf(value, args, named),
        "safe" => value,
        "items" => value is Dictionary<string, object?> dict
            ? dict.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList()
            : throw new ChatTemplateException("items takes a mapping"),
        "list" => List(value),
        "first" => List(value) is { Count: > 0 } f ? f[0] : Undefined.Value,
        "last" => List(value) is { Count: > 0 } l ? l[^1] : Undefined.Value,
        "reverse" => value is string s ? string.Concat(Builtins.CodePoints(s).Cast<string>().Reverse()) : Enumerable.Reverse(List(value)).ToList(),
        "join" => string.Join(args.Count > 0 ? Text(args[0], name) : "", List(value).Select(Values.ToText)),
        "default" or "d" => Default(value, args, named),
        "int" => Builtins.ToLong(value),
        "abs" => value switch { long l => (object)Math.Abs(l), double d => Math.Abs(d), _ => throw new ChatTemplateException("abs takes a number") },
        "selectattr" or "rejectattr" => SelectAttribute(List(value), args, keep: name == "selectattr"),
        "map" => Map(List(value), args, named),
        _ => throw new ChatTemplateException($"unsupported filter '{name}'"),
    };

    private static string Text(object? value, string filter) =>
        value as string ?? throw new ChatTemplateException($"filter '{filter}' takes a string, not a {Values.TypeName(value)}");

    private static long Length(object? value) => value switch
    {
        string s => Builtins.CodePoints(s).Count,
        List<object?> list => list.Count,
        Dictionary<string, object?> dict => dict.Count,
        _ => throw new ChatTemplateException($"cannot take the length of a {Values.TypeName(value)}"),
    };

    private static List<object?> List(object? value) => value switch
    {
        List<object?> list => list,
        string s => Builtins.CodePoints(s),
        Dictionary<string, object?> dict => dict.Keys.Select(k => (object?)k).ToList(),
        _ => throw new ChatTemplateException($"cannot make a list of a {Values.TypeName(value)}"),
    };

    private static object? Default(object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> named)
    {
        var fallback = args.Count > 0 ? args[0] : named.GetValueOrDefault("default_value", "");
        var boolean = (args.Count > 1 ? args[1] : named.GetValueOrDefault("boolean")) is true;
        return value is Undefined || (boolean && !Values.IsTruthy(value)) ? fallback : value;
    }

    private static List<object?> SelectAttribute(List<object?> items, IReadOnlyList<object?> args, bool keep)
    {
        var attribute = args.Count > 0 ? Text(args[0], "selectattr") : throw new ChatTemplateException("selectattr needs an attribute name");
        bool Passes(object? item)
        {
            var value = Builtins.Attribute(item, attribute);
            if (args.Count < 2) return Values.IsTruthy(value);
            var test = Text(args[1], "selectattr");
            return test switch
            {
                "equalto" or "eq" or "==" => Values.AreEqual(value, args.Count > 2 ? args[2] : null),
                "ne" or "!=" => !Values.AreEqual(value, args.Count > 2 ? args[2] : null),
                _ => Builtins.Test(test, value),
            };
        }
        return items.Where(i => Passes(i) == keep).ToList();
    }

    private static List<object?> Map(List<object?> items, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> named)
    {
        if (named.GetValueOrDefault("attribute") is string attribute)
            return items.Select(i => Builtins.Attribute(i, attribute)).ToList();
        var filter = args.Count > 0 ? Text(args[0], "map") : throw new ChatTemplateException("map needs a filter name or attribute=");
        return items.Select(i => Apply(filter, i, args.Skip(1).ToList(), new Dictionary<string, object?>())).ToList();
    }
}
