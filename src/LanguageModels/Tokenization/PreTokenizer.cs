using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text;

namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// The <c>pre_tokenizer</c> of a tokenizer.json: cuts normalised text into words for the BPE model. Supports
/// <c>Split</c> (regex or string; Isolated, MergedWithPrevious, MergedWithNext), <c>ByteLevel</c> (GPT-2's byte
/// alphabet, with or without its own regex), <c>Metaspace</c> and <c>Sequence</c>.
/// </summary>
internal sealed class PreTokenizer(Func<string, IEnumerable<string>> apply, bool isByteLevel)
{
    /// <summary>GPT-2's pre-tokenizer split, used when a ByteLevel step does its own splitting.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static readonly PreTokenizer None = new(s => [s], false);

    /// <summary>True when words come out in GPT-2's byte alphabet, which decoding must map back to bytes.</summary>
    public bool IsByteLevel => isByteLevel;

    public IEnumerable<string> Apply(string text) => apply(text);

    public static PreTokenizer From(JsonNode? node)
    {
        if (node is null) return None;
        var type = node["type"]?.GetValue<string>();
        switch (type)
        {
            case "Sequence":
                var steps = node["pretokenizers"]!.AsArray().Select(From).ToList();
                return new(s => steps.Aggregate((IEnumerable<string>)[s], (words, step) => words.SelectMany(step.Apply)), steps.Any(p => p.IsByteLevel));
            case "ByteLevel":
                var prefix = node["add_prefix_space"]?.GetValue<bool>() == true;
                var regex = node["use_regex"]?.GetValue<bool>() == false ? null : new CodePointRegex(Gpt2Pattern);
                return new(s =>
                {
                    if (prefix && !s.StartsWith(' ')) s = " " + s;
                    var words = regex is null ? [s] : regex.Split(s, SplitBehavior.Isolated);
                    return words.Select(w => ByteLevelAlphabet.Encode(Encoding.UTF8.GetBytes(w)));
                }, true);
            case "Split":
                if (node["invert"]?.GetValue<bool>() == true) throw new NotSupportedException("tokenizer.json Split with invert is not supported.");
                var behavior = Enum.Parse<SplitBehavior>(node["behavior"]!.GetValue<string>());
                var pattern = node["pattern"]!["Regex"]?.GetValue<string>() ?? Regex.Escape(node["pattern"]!["String"]!.GetValue<string>());
                var split = new CodePointRegex(pattern);
                return new(s => split.Split(s, behavior), false);
            case "Metaspace":
                var replacement = node["replacement"]?.GetValue<string>() ?? "▁";
                var scheme = node["prepend_scheme"]?.GetValue<string>() ?? (node["add_prefix_space"]?.GetValue<bool>() == false ? "never" : "always");
                var splitWords = node["split"]?.GetValue<bool>() != false;
                var metaspace = new CodePointRegex(Regex.Escape(replacement));
                return new(s =>
                {
                    s = s.Replace(" ", replacement, StringComparison.Ordinal);
                    if (scheme != "never" && !s.StartsWith(replacement, StringComparison.Ordinal)) s = replacement + s;
                    return splitWords ? metaspace.Split(s, SplitBehavior.MergedWithNext) : [s];
                }, false);
            default:
                throw new NotSupportedException($"tokenizer.json pre_tokenizer '{type}' is not supported.");
        }
    }
}

internal enum SplitBehavior { Isolated, MergedWithPrevious, MergedWithNext, Removed }

/// <summary>
/// A pre-tokenizer regex run over code points, as the Rust and JavaScript tokenizers run it: .NET matches UTF-16
/// units, so an emoji or a supplementary-plane letter would be two "characters" that <c>\p{L}</c> never matches.
/// Each such code point is replaced by a single BMP stand-in of the same Unicode category before matching.
/// </summary>
internal sealed class CodePointRegex(string pattern)
{
    private static readonly Dictionary<UnicodeCategory, char> StandIns = Enumerable.Range(0x100, 0xD800 - 0x100)
        .Select(c => (char)c)
        .GroupBy(char.GetUnicodeCategory)
        .ToDictionary(g => g.Key, g => g.First());

    private readonly Regex regex = new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public List<string> Split(string text, SplitBehavior behavior)
    {
        var (mapped, origin) = Flatten(text);
        var pieces = new List<string>();
        var last = 0;
        string Original(int from, int to) => text[origin[from]..origin[to]];
        foreach (Match m in regex.Matches(mapped))
        {
            if (m.Length == 0) continue;
            var gap = m.Index > last ? Original(last, m.Index) : null;
            var match = Original(m.Index, m.Index + m.Length);
            switch (behavior)
            {
                case SplitBehavior.Isolated:
                    if (gap is not null) pieces.Add(gap);
                    pieces.Add(match);
                    break;
                case SplitBehavior.Removed:
                    if (gap is not null) pieces.Add(gap);
                    break;
                case SplitBehavior.MergedWithPrevious:
                    pieces.Add((gap ?? "") + match);
                    break;
                case SplitBehavior.MergedWithNext:
                    if (gap is not null) pieces.Add(gap);
                    pieces.Add(match);
                    break;
            }
            last = m.Index + m.Length;
        }
        if (last < mapped.Length) pieces.Add(Original(last, mapped.Length));
        return behavior == SplitBehavior.MergedWithNext ? MergeWithNext(pieces, text, regex) : pieces;
    }

    // MergedWithNext glues each delimiter to the text after it ("▁a▁b" → "▁a", "▁b").
    private static List<string> MergeWithNext(List<string> pieces, string text, Regex delimiter)
    {
        var merged = new List<string>();
        var pending = "";
        foreach (var piece in pieces)
        {
            if (delimiter.Match(piece) is { Success: true } m && m.Index == 0 && m.Length == piece.Length)
            {
                if (pending.Length > 0) merged.Add(pending);
                pending = piece;
            }
            else
            {
                merged.Add(pending + piece);
                pending = "";
            }
        }
        if (pending.Length > 0) merged.Add(pending);
        return merged;
    }

    private static (string Mapped, int[] Origin) Flatten(string text)
    {
        var sb = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            origin.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1]));
                sb.Append(StandIns.GetValueOrDefault(category, '\u00A4'));
                i++;
            }
            else sb.Append(text[i]);
        }
        origin.Add(text.Length);
        return (sb.ToString(), [.. origin]);
    }
}
