using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace AdapterPipeline.TrainingWorker.Tokenization;

/// <summary>
/// Loads a byte-level BPE tokenizer from a Hugging Face model directory: <c>tokenizer.json</c> (Qwen2, Llama 3,
/// GPT-2) or GPT-2's <c>vocab.json</c> + <c>merges.txt</c>. SentencePiece tokenizers (Llama 2, Mistral) are refused.
/// </summary>
public static class TokenizerLoader
{
    /// <summary>GPT-2's pre-tokenizer split, used when a tokenizer.json's ByteLevel step does its own splitting.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static TextTokenizer Load(string directory, int? endOfSequenceId)
    {
        var tokenizerJson = Path.Combine(directory, "tokenizer.json");
        if (File.Exists(tokenizerJson))
        {
            return FromTokenizerJson(File.ReadAllText(tokenizerJson), endOfSequenceId);
        }
        var vocab = Path.Combine(directory, "vocab.json");
        var merges = Path.Combine(directory, "merges.txt");
        if (File.Exists(vocab) && File.Exists(merges))
        {
            return FromVocabAndMerges(File.ReadAllText(vocab), File.ReadAllLines(merges), endOfSequenceId);
        }
        throw new NotSupportedException($"{directory} has neither tokenizer.json nor vocab.json + merges.txt (SentencePiece tokenizer.model is not supported).");
    }

    public static TextTokenizer FromVocabAndMerges(string vocabJson, IEnumerable<string> mergeLines, int? endOfSequenceId)
    {
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(vocabJson)
            ?? throw new NotSupportedException("vocab.json is empty.");
        var merges = mergeLines.Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal));
        var specials = vocab.Where(v => v.Key.StartsWith("<|", StringComparison.Ordinal) && v.Key.EndsWith("|>", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value);
        return Create(vocab, merges, specials, Gpt2Pattern, endOfSequenceId);
    }

    public static TextTokenizer FromTokenizerJson(string json, int? endOfSequenceId)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new NotSupportedException("tokenizer.json is empty.");
        var model = root["model"]?.AsObject() ?? throw new NotSupportedException("tokenizer.json has no model.");
        var type = model["type"]?.GetValue<string>();
        if (type != "BPE")
        {
            throw new NotSupportedException($"tokenizer.json model type '{type}' is not supported; only byte-level BPE.");
        }
        var pattern = SplitPattern(root["pre_tokenizer"]);
        if (model["byte_fallback"]?.GetValue<bool>() == true || pattern is null)
        {
            throw new NotSupportedException("SentencePiece-style BPE tokenizers (byte fallback, no ByteLevel pre-tokenizer) are not supported.");
        }
        var vocab = model["vocab"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<int>());
        var merges = model["merges"]!.AsArray().Select(m => m switch
        {
            JsonArray pair => $"{pair[0]!.GetValue<string>()} {pair[1]!.GetValue<string>()}",
            _ => m!.GetValue<string>(),
        }).ToList();
        var specials = (root["added_tokens"]?.AsArray() ?? [])
            .Select(t => t!.AsObject())
            .ToDictionary(t => t["content"]!.GetValue<string>(), t => t["id"]!.GetValue<int>());
        foreach (var (content, id) in specials)
        {
            vocab.TryAdd(content, id);
        }
        return Create(vocab, merges, specials, pattern, endOfSequenceId);
    }

    // The regex from a Split step, or GPT-2's when a ByteLevel step splits by itself; null when there is no ByteLevel step.
    private static string? SplitPattern(JsonNode? preTokenizer)
    {
        var steps = preTokenizer?["type"]?.GetValue<string>() == "Sequence"
            ? preTokenizer["pretokenizers"]!.AsArray().Select(s => s!).ToList()
            : preTokenizer is null ? [] : [preTokenizer];
        var byteLevel = steps.FirstOrDefault(s => s["type"]?.GetValue<string>() == "ByteLevel");
        if (byteLevel is null)
        {
            return null;
        }
        var split = steps.FirstOrDefault(s => s["type"]?.GetValue<string>() == "Split");
        var regex = split?["pattern"]?["Regex"]?.GetValue<string>();
        return regex ?? (byteLevel["use_regex"]?.GetValue<bool>() == false ? @"[\s\S]+" : Gpt2Pattern);
    }

    private static TextTokenizer Create(
        Dictionary<string, int> vocab, IEnumerable<string> merges, Dictionary<string, int> specials, string pattern, int? endOfSequenceId)
    {
        var options = new BpeOptions(vocab)
        {
            Merges = merges,
            SpecialTokens = specials,
            PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), specials),
            ByteLevel = true,
        };
        var eos = endOfSequenceId
            ?? (specials.TryGetValue("<|endoftext|>", out var id) ? id : throw new NotSupportedException("The model names no end-of-sequence token."));
        return new TextTokenizer(BpeTokenizer.Create(options), eos, specials);
    }
}
