using System.Text.Json.Nodes;
using System.Text;

namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// Turns ids back into text: added tokens as written, byte-level tokens through GPT-2's alphabet, SentencePiece tokens
/// with '▁' as a space and <c>&lt;0xNN&gt;</c> as raw bytes (dropping the one leading space the normaliser prepended).
/// </summary>
internal sealed class TokenDecoder(IReadOnlyList<string?> tokens, IReadOnlySet<int> addedIds, bool byteLevel, int stripLeadingSpaces)
{
    private static readonly Dictionary<char, byte> ByteOf = ByteLevelAlphabet.Table.ToDictionary(e => e.Char, e => e.Byte);

    public static TokenDecoder From(JsonNode? decoder, IReadOnlyList<string?> tokens, IReadOnlySet<int> addedIds, bool byteLevelWords)
    {
        var steps = decoder?["type"]?.GetValue<string>() == "Sequence" ? decoder["decoders"]!.AsArray().Select(d => d!).ToList()
            : decoder is null ? [] : [decoder];
        var types = steps.Select(s => s["type"]?.GetValue<string>()).ToList();
        var byteLevel = types.Contains("ByteLevel") || (decoder is null && byteLevelWords);
        var strip = steps.FirstOrDefault(s => s["type"]?.GetValue<string>() == "Strip")?["start"]?.GetValue<int>()
            ?? (steps.FirstOrDefault(s => s["type"]?.GetValue<string>() == "Metaspace") is { } metaspace
                && metaspace["prepend_scheme"]?.GetValue<string>() != "never" && metaspace["add_prefix_space"]?.GetValue<bool>() != false ? 1 : 0);
        return new TokenDecoder(tokens, addedIds, byteLevel, strip);
    }

    public string Decode(IEnumerable<int> ids)
    {
        var text = new StringBuilder();
        var bytes = new List<byte>();
        void Flush()
        {
            text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
        foreach (var id in ids)
        {
            var token = id >= 0 && id < tokens.Count ? tokens[id] : null;
            if (token is null) continue;
            if (addedIds.Contains(id))
            {
                Flush();
                text.Append(token);
            }
            else if (byteLevel)
            {
                foreach (var c in token) bytes.Add(ByteOf.TryGetValue(c, out var b) ? b : (byte)'?');
            }
            else if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token.EndsWith('>'))
            {
                bytes.Add(Convert.ToByte(token[3..5], 16));
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(token.Replace('▁', ' ')));
            }
        }
        Flush();
        var result = text.ToString();
        for (var i = 0; i < stripLeadingSpaces && result.StartsWith(' '); i++) result = result[1..];
        return result;
    }
}
