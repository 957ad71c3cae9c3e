using System.Text.Json.Nodes;
using AdapterPipeline.Domain.Text;

namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// The <c>normalizer</c> of a tokenizer.json, applied to each stretch of text between added tokens: Unicode
/// NFC (Qwen2), <c>Prepend</c> and <c>Replace</c> (Llama 2 and Gemma's SentencePiece spaces as '▁'), or a sequence of them.
/// </summary>
internal sealed class TextNormalizer(Func<string, string> apply)
{
    public static readonly TextNormalizer None = new(s => s);

    public string Apply(string text) => apply(text);

    public static TextNormalizer From(JsonNode? node)
    {
        if (node is null) return None;
        var type = node["type"]?.GetValue<string>();
        return type switch
        {
            "NFC" => new(Nfc.Normalize),
            "Prepend" => Prepend(node["prepend"]!.GetValue<string>()),
            "Replace" when node["pattern"]?["String"] is { } pattern => Replace(pattern.GetValue<string>(), node["content"]!.GetValue<string>()),
            "Sequence" => Sequence(node["normalizers"]!.AsArray().Select(From).ToList()),
            _ => throw new NotSupportedException($"tokenizer.json normalizer '{type}' is not supported."),
        };
    }

    private static TextNormalizer Prepend(string prefix) => new(s => s.Length == 0 ? s : prefix + s);

    private static TextNormalizer Replace(string pattern, string content) => new(s => s.Replace(pattern, content, StringComparison.Ordinal));

    private static TextNormalizer Sequence(List<TextNormalizer> steps) => new(s => steps.Aggregate(s, (text, step) => step.Apply(text)));
}
