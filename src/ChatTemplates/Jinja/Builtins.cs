using System.Globalization;
using System.Text;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>Attribute, subscript and slice access, the global functions, and the methods of strings and mappings.</summary>
internal static class Builtins
{
    public static Scope Globals()
    {
        var scope = new Scope();
        scope.Set("raise_exception", (Callable)((args, _) =>
            throw new RaisedByTemplate(args.Count > 0 ? Values.ToText(args[0]) : "the chat template raised an exception")));
        scope.Set("namespace", (Callable)((args, named) =>
        {
            var values = new Dictionary<string, object?>();
            if (args.Count > 0 && args[0] is Dictionary<string, object?> initial)
                foreach (var (k, v) in initial) values[k] = v;
            foreach (var (k, v) in named) values[k] = v;
            return new Namespace(values);
        }));
        scope.Set("dict", (Callable)((_, named) => new Dictionary<string, object?>(named)));
        scope.Set("range", (Callable)((args, _) =>
        {
            var numbers = args.Select(a => a as long? ?? throw new ChatTemplateException("range() takes integers")).ToList();
            var (start, stop, step) = numbers.Count switch
            {
                1 => (0L, numbers[0], 1L),
                2 => (numbers[0], numbers[1], 1L),
                3 => (numbers[0], numbers[1], numbers[2]),
                _ => throw new ChatTemplateException("range() takes one to three arguments"),
            };
            if (step == 0) throw new ChatTemplateException("range() step must not be zero");
            var result = new List<object?>();
            for (var i = start; step > 0 ? i < stop : i > stop; i += step) result.Add(i);
            return result;
        }));
        return scope;
    }

    public static object? Attribute(object? target, string name) => target switch
    {
        Dictionary<string, object?> dict when dict.TryGetValue(name, out var value) => value,
        Dictionary<string, object?> dict => MappingMethod(dict, name),
        Namespace ns => ns.Values.TryGetValue(name, out var value) ? value : Undefined.Value,
        string s => StringMethods.Bind(s, name),
        _ => Undefined.Value,
    };

    public static object? Index(object? target, object? index) => (target, index) switch
    {
        (Dictionary<string, object?> dict, string key) => dict.TryGetValue(key, out var value) ? value : MappingMethod(dict, key),
        (Namespace ns, string key) => ns.Values.TryGetValue(key, out var value) ? value : Undefined.Value,
        (List<object?> list, long i) => At(list, i),
        (string s, long i) => At(CodePoints(s), i),
        (string s, string name) => StringMethods.Bind(s, name),
        _ => Undefined.Value,
    };

    private static object? At(List<object?> list, long i)
    {
        if (i < 0) i += list.Count;
        return i >= 0 && i < list.Count ? list[(int)i] : Undefined.Value;
    }

    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        var items = target switch
        {
            List<object?> list => list,
            string s => CodePoints(s),
            _ => throw new ChatTemplateException($"cannot slice a {Values.TypeName(target)}"),
        };
        var n = items.Count;
        var by = step switch { null or Undefined => 1L, long l when l != 0 => l, _ => throw new ChatTemplateException("slice step must be a non-zero integer") };
        long Bound(object? value, long fallback, long low, long high) => value switch
        {
            null or Undefined => fallback,
            long l => Math.Clamp(l < 0 ? l + n : l, low, high),
            _ => throw new ChatTemplateException("slice bounds must be integers"),
        };
        var result = new List<object?>();
        if (by > 0)
        {
            for (long i = Bound(start, 0, 0, n), end = Bound(stop, n, 0, n); i < end; i += by) result.Add(items[(int)i]);
        }
        else
        {
            for (long i = Bound(start, n - 1, -1, n - 1), end = Bound(stop, -1, -1, n - 1); i > end; i += by) result.Add(items[(int)i]);
        }
        return target is string ? string.Concat(result.Cast<string>()) : result;
    }

    /// <summary>Strings index and slice by code point, as Python and the reference do, not by UTF-16 unit.</summary>
    public static List<object?> CodePoints(string s)
    {
        var result = new List<object?>(s.Length);
        foreach (var rune in s.EnumerateRunes()) result.Add(rune.ToString());
        return result;
    }

    private static object? MappingMethod(Dictionary<string, object?> dict, string name) => name switch
    {
        "items" => (Callable)((_, _) => dict.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList()),
        "keys" => (Callable)((_, _) => dict.Keys.Select(k => (object?)k).ToList()),
        "values" => (Callable)((_, _) => dict.Values.ToList()),
        "get" => (Callable)((args, _) => args.Count > 0 && args[0] is string key && dict.TryGetValue(key, out var v) ? v : args.Count > 1 ? args[1] : null),
        _ => Undefined.Value,
    };

    public static string JsonOf(object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> named)
    {
        var indent = named.GetValueOrDefault("indent") ?? (args.Count > 0 ? args[0] : null);
        return Values.ToJson(value, indent as long? is { } i ? (int)i : null,
            named.GetValueOrDefault("sort_keys") is true, named.GetValueOrDefault("ensure_ascii") is true);
    }

    public static object? Filter(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> named) =>
        Filters.Apply(name, value, args, named);

    public static bool Test(string name, object? value) => name switch
    {
        "defined" => value is not Undefined,
        "undefined" => value is Undefined,
        "none" => value is null,
        "string" => value is string,
        "number" => value is long or double,
        "integer" => value is long,
        "float" => value is double,
        "boolean" => value is bool,
        "true" => value is true,
        "false" => value is false,
        "mapping" => value is Dictionary<string, object?>,
        "sequence" => value is List<object?> or string,
        "iterable" => value is List<object?> or string or Dictionary<string, object?>,
        "callable" => value is Callable,
        "odd" => value is long l && l % 2 != 0,
        "even" => value is long e && e % 2 == 0,
        "lower" => value is string s && s == s.ToLowerInvariant(),
        "upper" => value is string u && u == u.ToUpperInvariant(),
        _ => throw new ChatTemplateException($"unsupported test 'is {name}'"),
    };

    internal static long ToLong(object? value) => value switch
    {
        long l => l,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => 0,
    };
}
