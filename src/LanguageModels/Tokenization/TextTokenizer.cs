using System.Text;

namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// A base model's tokenizer as its tokenizer.json describes it: added tokens are cut out first, the rest is normalised,
/// pre-tokenized and encoded by BPE. <see cref="Encode"/> adds no special tokens; <see cref="PrefixIds"/> and
/// <see cref="SuffixIds"/> are what the tokenizer's post-processor (or <c>add_bos_token</c>) puts around a sequence,
/// e.g. Llama 3.1's <c>&lt;|begin_of_text|&gt;</c>, and <see cref="EncodeWithSpecialTokens"/> adds them.
/// </summary>
public sealed class TextTokenizer
{
    private readonly AddedTokenSplitter addedTokens;
    private readonly TextNormalizer normalizer;
    private readonly PreTokenizer preTokenizer;
    private readonly BytePairEncoding model;
    private readonly TokenDecoder decoder;

    internal TextTokenizer(
        AddedTokenSplitter addedTokens, TextNormalizer normalizer, PreTokenizer preTokenizer, BytePairEncoding model, TokenDecoder decoder,
        int endOfSequenceId, IReadOnlyDictionary<string, int> specialTokens, IReadOnlyList<int> prefixIds, IReadOnlyList<int> suffixIds)
    {
        this.addedTokens = addedTokens;
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.decoder = decoder;
        EndOfSequenceId = endOfSequenceId;
        SpecialTokens = specialTokens;
        PrefixIds = prefixIds;
        SuffixIds = suffixIds;
    }

    public int EndOfSequenceId { get; }

    /// <summary>The added tokens (specials such as <c>&lt;|im_start|&gt;</c> and others), kept whole wherever they appear in text.</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>The text of the end-of-sequence token, when it is a named special token.</summary>
    public string? EndOfSequenceText => SpecialTokens.FirstOrDefault(t => t.Value == EndOfSequenceId).Key;

    /// <summary>Ids the tokenizer puts before a sequence (the BOS token, when it adds one).</summary>
    public IReadOnlyList<int> PrefixIds { get; }

    /// <summary>Ids the tokenizer puts after a sequence.</summary>
    public IReadOnlyList<int> SuffixIds { get; }

    public IReadOnlyList<int> Encode(string text)
    {
        var ids = new List<int>();
        foreach (var (piece, id) in addedTokens.Split(text))
        {
            if (id is { } added)
            {
                ids.Add(added);
                continue;
            }
            foreach (var word in preTokenizer.Apply(normalizer.Apply(piece)))
                model.Encode(word, ids);
        }
        return ids;
    }

    public IReadOnlyList<int> EncodeWithSpecialTokens(string text) => [.. PrefixIds, .. Encode(text), .. SuffixIds];

    public string Decode(IEnumerable<int> ids) => decoder.Decode(ids);
}
