using System.Globalization;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>
/// Python string methods templates call (<c>message.content.strip()</c>). Without an argument, <c>strip</c> and its
/// siblings remove JavaScript whitespace as the reference does; with one, they remove exactly those characters, as
/// Python does (the reference ignores the argument there).
/// </summary>
internal static class StringMethods
{
    public static object? Bind(string s, string name) => name switch
    {
        "upper" => Method(_ => s.ToUpperInvariant()),
        "lower" => Method(_ => s.ToLowerInvariant()),
        "strip" => Method(a => Strip(s, Chars(a), start: true, end: true)),
        "lstrip" => Method(a => Strip(s, Chars(a), start: true, end: false)),
        "rstrip" => Method(a => Strip(s, Chars(a), start: false, end: true)),
        "startswith" => Method(a => Affix(a, p => s.StartsWith(p, StringComparison.Ordinal))),
        "endswith" => Method(a => Affix(a, p => s.EndsWith(p, StringComparison.Ordinal))),
        "split" => Method(a => Split(s, a)),
        "replace" => Method(a => Replace(s, a)),
        "capitalize" => Method(_ => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..]),
        "title" => Method(_ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s)),
        "find" => Method(a => (long)s.IndexOf(Text(a, 0), StringComparison.Ordinal)),
        "count" => Method(a => (long)Count(s, Text(a, 0))),
        "join" => Method(a => string.Join(s, Items(a).Select(Values.ToText))),
        _ => Undefined.Value,
    };

    private static Callable Method(Func<IReadOnlyList<object?>, object?> body) => (args, _) => body(args);

    private static string Text(IReadOnlyList<object?> args, int i) =>
        i < args.Count && args[i] is string s ? s : throw new ChatTemplateException($"argument {i + 1} must be a string");

    private static IEnumerable<object?> Items(IReadOnlyList<object?> args) =>
        args.Count > 0 && args[0] is List<object?> list ? list : throw new ChatTemplateException("join() takes a list");

    private static string? Chars(IReadOnlyList<object?> args) => args.Count > 0 && args[0] is string chars ? chars : null;

    public static string Strip(string s, string? chars, bool start, bool end)
    {
        bool Strippable(char c) => chars is null ? Lexer.IsJsWhitespace(c) : chars.Contains(c);
        var from = 0;
        var to = s.Length;
        if (start) while (from < to && Strippable(s[from])) from++;
        if (end) while (to > from && Strippable(s[to - 1])) to--;
        return s[from..to];
    }

    private static bool Affix(IReadOnlyList<object?> args, Func<string, bool> matches) => args.Count > 0 ? args[0] switch
    {
        string p => matches(p),
        List<object?> options => options.Any(o => o is string p && matches(p)),
        _ => throw new ChatTemplateException("startswith()/endswith() take a string or a tuple of strings"),
    } : throw new ChatTemplateException("startswith()/endswith() need an argument");

    private static List<object?> Split(string s, IReadOnlyList<object?> args)
    {
        var max = args.Count > 1 && args[1] is long m ? m : -1;
        if (args.Count == 0 || args[0] is null)
        {
            var parts = new List<object?>();
            var i = 0;
            while (true)
            {
                while (i < s.Length && Lexer.IsJsWhitespace(s[i])) i++;
                if (i >= s.Length) break;
                if (max >= 0 && parts.Count >= max) { parts.Add(s[i..]); break; }
                var startAt = i;
                while (i < s.Length && !Lexer.IsJsWhitespace(s[i])) i++;
                parts.Add(s[startAt..i]);
            }
            return parts;
        }
        var separator = Text(args, 0);
        if (separator.Length == 0) throw new ChatTemplateException("empty separator");
        var pieces = s.Split(separator);
        if (max >= 0 && pieces.Length > max + 1)
            pieces = [.. pieces.Take((int)max), string.Join(separator, pieces.Skip((int)max))];
        return pieces.Select(p => (object?)p).ToList();
    }

    private static string Replace(string s, IReadOnlyList<object?> args)
    {
        var (old, replacement) = (Text(args, 0), Text(args, 1));
        var count = args.Count > 2 && args[2] is long c ? c : -1;
        if (count < 0) return old.Length == 0 ? string.Join(replacement, Builtins.CodePoints(s).Prepend("").Append("")) : s.Replace(old, replacement, StringComparison.Ordinal);
        var result = new System.Text.StringBuilder();
        var at = 0;
        for (var done = 0; done < count; done++)
        {
            var next = s.IndexOf(old, at, StringComparison.Ordinal);
            if (next < 0 || old.Length == 0) break;
            result.Append(s, at, next - at).Append(replacement);
            at = next + old.Length;
        }
        return result.Append(s, at, s.Length - at).ToString();
    }

    private static int Count(string s, string sub)
    {
        if (sub.Length == 0) return s.Length + 1;
        var n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
