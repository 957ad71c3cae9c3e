using AdapterPipeline.TrainingWorker.BaseModels;
using AdapterPipeline.TrainingWorker.Tests.Models;
using AdapterPipeline.TrainingWorker.Tokenization;

namespace AdapterPipeline.TrainingWorker.Tests.Tokenization;

public class When_text_is_tokenized
{
    private static readonly TextTokenizer FromTokenizerJson = TokenizerLoader.Load(ReferenceModels.PathOf(TinyBaseModels.TinyLlama), null);
    private static readonly TextTokenizer FromVocabAndMerges = TokenizerLoader.Load(ReferenceModels.PathOf(TinyBaseModels.TinyGpt2), null);

    [Theory]
    [InlineData("Hello, wörld! 你好 🙂\n\ttabs  and  spaces")]
    [InlineData("the theme of the thin men")]
    public void Should_decode_back_to_the_same_text(string text)
    {
        Assert.Equal(text, FromTokenizerJson.Decode(FromTokenizerJson.Encode(text)));
        Assert.Equal(text, FromVocabAndMerges.Decode(FromVocabAndMerges.Encode(text)));
    }

    [Fact]
    public void Should_apply_the_merges()
    {
        var vocab = TinyTokenizerFiles.Vocabulary();

        var ids = FromTokenizerJson.Encode(" the");

        Assert.Equal([vocab["Ġthe"]], ids);
        Assert.Equal(ids, FromVocabAndMerges.Encode(" the"));
    }

    [Fact]
    public void Should_fall_back_to_bytes_for_text_without_merges()
    {
        var ids = FromTokenizerJson.Encode("é");

        Assert.Equal(2, ids.Count);
        Assert.All(ids, id => Assert.InRange(id, 0, 255));
    }

    [Fact]
    public void Should_keep_special_tokens_whole_and_find_end_of_sequence()
    {
        var ids = FromTokenizerJson.Encode("<|im_start|>user\nhi<|im_end|>");

        Assert.Equal(FromTokenizerJson.SpecialTokens["<|im_start|>"], ids[0]);
        Assert.Equal(FromTokenizerJson.SpecialTokens["<|im_end|>"], ids[^1]);
        Assert.Equal(TinyTokenizerFiles.EndOfTextId, FromTokenizerJson.EndOfSequenceId);
        Assert.Equal(TinyTokenizerFiles.EndOfTextId, FromVocabAndMerges.EndOfSequenceId);
    }

    [Fact]
    public void Should_refuse_sentencepiece_tokenizers()
    {
        const string json = """
            {"model": {"type": "BPE", "byte_fallback": true, "vocab": {"a": 0}, "merges": []},
             "pre_tokenizer": {"type": "Metaspace", "replacement": "▁"}}
            """;

        var error = Assert.Throws<NotSupportedException>(() => TokenizerLoader.FromTokenizerJson(json, 0));
        Assert.Contains("SentencePiece", error.Message);
    }
}
