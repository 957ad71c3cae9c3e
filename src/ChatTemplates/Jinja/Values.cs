using System.Globalization;
using System.Text;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>A name or attribute the template reads but nobody set: falsy, renders as nothing, fails in arithmetic.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();
    private Undefined() { }
}

/// <summary>Jinja's <c>namespace()</c>: the one mutable object, so a loop body can update state seen after it.</summary>
internal sealed class Namespace(Dictionary<string, object?> values)
{
    public Dictionary<string, object?> Values { get; } = values;
}

internal delegate object? Callable(IReadOnlyList<object?> positional, IReadOnlyDictionary<string, object?> named);

/// <summary>
/// Runtime values are plain .NET objects: <c>string</c>, <c>long</c>, <c>double</c>, <c>bool</c>, <c>null</c> (none),
/// <see cref="Undefined"/>, <c>List&lt;object?&gt;</c>, <c>Dictionary&lt;string, object?&gt;</c> (insertion-ordered),
/// <see cref="Namespace"/> and <see cref="Callable"/>.
/// </summary>
internal static class Values
{
    public static bool IsTruthy(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> dict => dict.Count > 0,
        _ => true,
    };

    /// <summary>How a value prints in output or with <c>~</c>, as the reference renderer prints it.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "null",
        Undefined => "",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        List<object?> or Dictionary<string, object?> or Namespace => ToJson(value, null, sortKeys: false, ensureAscii: false),
        _ => throw new ChatTemplateException($"cannot print a {TypeName(value)}"),
    };

    private static string FormatDouble(double d) =>
        d == Math.Floor(d) && !double.IsInfinity(d) ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    public static string TypeName(object? value) => value switch
    {
        null => "none",
        Undefined => "undefined",
        string => "string",
        bool => "boolean",
        long => "integer",
        double => "float",
        List<object?> => "list",
        Dictionary<string, object?> => "mapping",
        Namespace => "namespace",
        Callable => "function",
        _ => value.GetType().Name,
    };

    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) or (Undefined, Undefined) => true,
        (long x, long y) => x == y,
        (long or double, long or double) => Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
        _ => ReferenceEquals(a, b),
    };

    /// <summary>Python's <c>json.dumps</c> layout (<c>", "</c> and <c>": "</c>) with JavaScript's string escaping, as the reference does.</summary>
    public static string ToJson(object? value, int? indent, bool sortKeys, bool ensureAscii)
    {
        var sb = new StringBuilder();
        WriteJson(sb, value, indent, sortKeys, ensureAscii, 0);
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, object? value, int? indent, bool sortKeys, bool ensureAscii, int depth)
    {
        switch (value)
        {
            case null or Undefined: sb.Append("null"); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); return;
            case double d: sb.Append(d.ToString("R", CultureInfo.InvariantCulture)); return;
            case string s: WriteJsonString(sb, s, ensureAscii); return;
        }
        IEnumerable<(string? Key, object? Value)> items = value switch
        {
            List<object?> list => list.Select(v => ((string?)null, v)),
            Dictionary<string, object?> dict => dict.Select(p => ((string?)p.Key, p.Value)),
            Namespace ns => ns.Values.Select(p => ((string?)p.Key, p.Value)),
            _ => throw new ChatTemplateException($"cannot serialise a {TypeName(value)} to JSON"),
        };
        var isList = value is List<object?>;
        var entries = items.ToList();
        if (sortKeys && !isList) entries.Sort((x, y) => string.CompareOrdinal(x.Key, y.Key));
        sb.Append(isList ? '[' : '{');
        var pad = indent is > 0 ? "\n" + new string(' ', indent.Value * (depth + 1)) : null;
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0) sb.Append(pad is null ? ", " : ",");
            sb.Append(pad);
            if (!isList)
            {
                WriteJsonString(sb, entries[i].Key!, ensureAscii);
                sb.Append(": ");
            }
            WriteJson(sb, entries[i].Value, indent, sortKeys, ensureAscii, depth + 1);
        }
        if (pad is not null && entries.Count > 0) sb.Append('\n').Append(' ', indent!.Value * depth);
        sb.Append(isList ? ']' : '}');
    }

    private static void WriteJsonString(StringBuilder sb, string s, bool ensureAscii)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    var loneSurrogate = char.IsHighSurrogate(c) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])
                        : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]));
                    if (c < 0x20 || loneSurrogate || (ensureAscii && c > 0x7E)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
