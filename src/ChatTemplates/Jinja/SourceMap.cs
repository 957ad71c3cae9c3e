using System.Text;
using System.Text.RegularExpressions;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>
/// The template after the reference renderer's whitespace preprocessing, with a map back to the original source so
/// errors name the line and column the author wrote.
/// </summary>
internal sealed partial class SourceMap
{
    private readonly string original;
    private readonly int[] origin;

    private SourceMap(string original, string text, int[] origin)
    {
        this.original = original;
        Text = text;
        this.origin = origin;
    }

    public string Text { get; }

    public static SourceMap Preprocess(string template)
    {
        var text = template;
        var origin = Enumerable.Range(0, template.Length).ToArray();
        if (text.EndsWith('\n'))
        {
            text = text[..^1];
            origin = origin[..^1];
        }
        (text, origin) = Replace(text, origin, LstripBlocks(), m => m.Groups[1].Value);
        (text, origin) = Replace(text, origin, TrimBlocks(), m => m.Groups[1].Value);
        (text, origin) = Replace(text, origin, GenerationTag(),
            m => (m.Groups[2].Value == "-" ? "" : m.Groups[1].Value) + (m.Groups[3].Value == "-" ? "" : m.Groups[4].Value));
        return new SourceMap(template, text, origin);
    }

    public ChatTemplateException Error(string message, int offset)
    {
        var at = offset < origin.Length ? origin[offset] : original.Length;
        var line = 1 + original.AsSpan(0, at).Count('\n');
        var column = at - (original.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
        if (at > 0 && original[at - 1] == '\n') column = 1;
        return new ChatTemplateException($"chat template line {line}, column {column}: {message}");
    }

    private static (string, int[]) Replace(string text, int[] origin, Regex regex, Func<Match, string> replacement)
    {
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var last = 0;
        foreach (Match m in regex.Matches(text))
        {
            sb.Append(text, last, m.Index - last);
            map.AddRange(origin.AsSpan(last, m.Index - last));
            var value = replacement(m);
            sb.Append(value);
            for (var i = 0; i < value.Length; i++) map.Add(origin[m.Index + Math.Min(i, m.Length - 1)]);
            last = m.Index + m.Length;
        }
        sb.Append(text, last, text.Length - last);
        map.AddRange(origin.AsSpan(last));
        return (sb.ToString(), map.ToArray());
    }

    [GeneratedRegex(@"^[ \t]*(\{[#%-])", RegexOptions.Multiline)]
    private static partial Regex LstripBlocks();

    [GeneratedRegex(@"([#%-]\})\n")]
    private static partial Regex TrimBlocks();

    [GeneratedRegex(@"(\s*)\{%(-?)\s*(?:end)?generation\s*(-?)%\}(\s*)", RegexOptions.Singleline)]
    private static partial Regex GenerationTag();
}
