using System.Text.Json.Nodes;
using System.Text.Json;

namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// Loads a BPE tokenizer from a Hugging Face model directory: <c>tokenizer.json</c> (byte-level BPE as in Qwen2/3,
/// Llama 3 and GPT-2, or SentencePiece-style BPE with <c>byte_fallback</c> as in Llama 2, Mistral and Gemma) or GPT-2's
/// <c>vocab.json</c> + <c>merges.txt</c>. <c>add_bos_token</c> in <c>tokenizer_config.json</c>, when present,
/// overrides whether the post-processor's BOS is added. Unigram and WordPiece models are refused.
/// </summary>
public static class TokenizerLoader
{
    public static TextTokenizer Load(string directory, int? endOfSequenceId)
    {
        var tokenizerJson = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(tokenizerJson))
        {
            var config = Path.Combine(directory, "tokenizer_config.json");
            return FromTokenizerJson(File.ReadAllText(tokenizerJson), endOfSequenceId, File.Exists(config) ? File.ReadAllText(config) : null);
        }
        var vocab = Path.Combine(directory, "vocab.json");
        var merges = Path.Combine(directory, "merges.txt");
        if (File.Exists(vocab) && File.Exists(merges))
        {
            return FromVocabAndMerges(File.ReadAllText(vocab), File.ReadAllLines(merges), endOfSequenceId);
        }
        throw new NotSupportedException($"{directory} has neither tokenizer.json nor vocab.json + merges.txt (a SentencePiece tokenizer.model alone is not supported).");
    }

    public static TextTokenizer FromVocabAndMerges(string vocabJson, IEnumerable<string> mergeLines, int? endOfSequenceId)
    {
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(vocabJson)
            ?? throw new NotSupportedException("vocab.json is empty.");
        var merges = mergeLines.Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).Select(SplitMerge);
        var specials = vocab.Where(v => v.Key.StartsWith("<|", StringComparison.Ordinal) && v.Key.EndsWith("|>", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value);
        var preTokenizer = PreTokenizer.From(new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["use_regex"] = true });
        var model = new BytePairEncoding(vocab, merges, byteFallback: false, ignoreMerges: false, unknownId: null);
        var decoder = new TokenDecoder(TokensById(vocab), specials.Values.ToHashSet(), byteLevel: true, stripLeadingSpaces: 0);
        return new TextTokenizer(new AddedTokenSplitter(specials), TextNormalizer.None, preTokenizer, model, decoder,
            EndOfSequence(endOfSequenceId, specials), specials, [], []);
    }

    public static TextTokenizer FromTokenizerJson(string json, int? endOfSequenceId, string? tokenizerConfigJson = null)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new NotSupportedException("tokenizer.json is empty.");
        var model = root["model"]?.AsObject() ?? throw new NotSupportedException("tokenizer.json has no model.");
        var type = model["type"]?.GetValue<string>();
        if (type != "BPE")
        {
            throw new NotSupportedException($"tokenizer.json model type '{type}' is not supported; only BPE.");
        }
        if (model["continuing_subword_prefix"]?.GetValue<string>() is { Length: > 0 } || model["end_of_word_suffix"]?.GetValue<string>() is { Length: > 0 })
        {
            throw new NotSupportedException("tokenizer.json BPE with continuing_subword_prefix or end_of_word_suffix is not supported.");
        }
        var vocab = model["vocab"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<int>());
        var merges = model["merges"]!.AsArray().Select(m => m switch
        {
            JsonArray pair => (pair[0]!.GetValue<string>(), pair[1]!.GetValue<string>()),
            _ => SplitMerge(m!.GetValue<string>()),
        });
        var unknown = model["unk_token"]?.GetValue<string>() is { } unk && vocab.TryGetValue(unk, out var unkId) ? unkId : (int?)null;
        var bpe = new BytePairEncoding(vocab, merges, model["byte_fallback"]?.GetValue<bool>() == true,
            model["ignore_merges"]?.GetValue<bool>() == true, unknown);

        var added = (root["added_tokens"]?.AsArray() ?? [])
            .Select(t => t!.AsObject())
            .ToDictionary(t => t["content"]!.GetValue<string>(), t => t["id"]!.GetValue<int>());
        var preTokenizer = PreTokenizer.From(root["pre_tokenizer"]);
        var tokens = TokensById(vocab.Concat(added));
        var decoder = TokenDecoder.From(root["decoder"], tokens, added.Values.ToHashSet(), preTokenizer.IsByteLevel);
        var (prefix, suffix) = PostProcessor(root["post_processor"], added);
        prefix = ApplyAddBosToken(prefix, tokenizerConfigJson, added, vocab);

        return new TextTokenizer(new AddedTokenSplitter(added), TextNormalizer.From(root["normalizer"]), preTokenizer, bpe, decoder,
            EndOfSequence(endOfSequenceId, added), added, prefix, suffix);
    }

    private static (string, string) SplitMerge(string line)
    {
        var space = line.IndexOf(' ', 1);
        return space < 0 ? throw new NotSupportedException($"merge '{line}' is not two tokens.") : (line[..space], line[(space + 1)..]);
    }

    private static string?[] TokensById(IEnumerable<KeyValuePair<string, int>> entries)
    {
        var list = entries.ToList();
        var tokens = new string?[list.Count == 0 ? 0 : list.Max(e => e.Value) + 1];
        foreach (var (token, id) in list) tokens[id] = token;
        return tokens;
    }

    private static int EndOfSequence(int? configured, Dictionary<string, int> specials) =>
        configured ?? (specials.TryGetValue("<|endoftext|>", out var id) ? id : throw new NotSupportedException("The model names no end-of-sequence token."));

    // The special tokens a TemplateProcessing post-processor puts around a single sequence ("$A").
    private static (List<int> Prefix, List<int> Suffix) PostProcessor(JsonNode? node, Dictionary<string, int> added)
    {
        var type = node?["type"]?.GetValue<string>();
        switch (type)
        {
            case null or "ByteLevel":
                return ([], []);
            case "Sequence":
                var parts = node!["processors"]!.AsArray().Select(p => PostProcessor(p, added)).ToList();
                return (parts.SelectMany(p => p.Prefix).ToList(), parts.SelectMany(p => p.Suffix).ToList());
            case "TemplateProcessing":
                var prefix = new List<int>();
                var suffix = new List<int>();
                var seenSequence = false;
                foreach (var piece in node!["single"]!.AsArray())
                {
                    if (piece!["Sequence"] is not null)
                    {
                        seenSequence = true;
                        continue;
                    }
                    var name = piece["SpecialToken"]!["id"]!.GetValue<string>();
                    var ids = node["special_tokens"]?[name]?["ids"]?.AsArray().Select(i => i!.GetValue<int>())
                        ?? [added[name]];
                    (seenSequence ? suffix : prefix).AddRange(ids);
                }
                return (prefix, suffix);
            default:
                throw new NotSupportedException($"tokenizer.json post_processor '{type}' is not supported.");
        }
    }

    private static List<int> ApplyAddBosToken(List<int> prefix, string? tokenizerConfigJson, Dictionary<string, int> added, Dictionary<string, int> vocab)
    {
        if (tokenizerConfigJson is null) return prefix;
        var config = JsonNode.Parse(tokenizerConfigJson);
        if (config?["add_bos_token"] is not JsonValue flag || !flag.TryGetValue<bool>(out var addBos)) return prefix;
        var bos = config["bos_token"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonObject token => token["content"]?.GetValue<string>(),
            _ => null,
        };
        if (bos is null || !(added.TryGetValue(bos, out var bosId) || vocab.TryGetValue(bos, out bosId))) return prefix;
        var without = prefix.Where(id => id != bosId).ToList();
        return addBos ? [bosId, .. without] : without;
    }
}
