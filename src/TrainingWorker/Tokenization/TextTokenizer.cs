using Microsoft.ML.Tokenizers;

namespace AdapterPipeline.TrainingWorker.Tokenization;

/// <summary>A base model's tokenizer together with the end-of-sequence id that separates packed documents.</summary>
public sealed class TextTokenizer(Tokenizer tokenizer, int endOfSequenceId, IReadOnlyDictionary<string, int> specialTokens)
{
    public int EndOfSequenceId => endOfSequenceId;

    public IReadOnlyDictionary<string, int> SpecialTokens => specialTokens;

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text);

    public string Decode(IEnumerable<int> ids) => tokenizer.Decode(ids);
}
