using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Tests.Models;

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
    public void Should_read_sentencepiece_style_bpe_with_byte_fallback()
    {
        const string json = """
            {"model": {"type": "BPE", "byte_fallback": true, "unk_token": "<unk>",
                       "vocab": {"<unk>": 0, "<s>": 1, "<0xC3>": 2, "<0xA9>": 3, "▁": 4, "h": 5, "i": 6, "▁h": 7, "▁hi": 8},
                       "merges": ["▁ h", "▁h i"]},
             "added_tokens": [{"id": 1, "content": "<s>", "special": true}],
             "normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}, {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
             "pre_tokenizer": null,
             "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                                "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
             "decoder": {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "}, {"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}}
            """;

        var tokenizer = TokenizerLoader.FromTokenizerJson(json, 1);

        Assert.Equal([8, 4, 2, 3], tokenizer.Encode("hi é"));
        Assert.Equal([1, 8], tokenizer.EncodeWithSpecialTokens("hi"));
        Assert.Equal("hi é", tokenizer.Decode(tokenizer.Encode("hi é")));
    }

    [Fact]
    public void Should_refuse_models_other_than_bpe()
    {
        const string json = """{"model": {"type": "Unigram", "vocab": [["a", 0.0]]}}""";

        var error = Assert.Throws<NotSupportedException>(() => TokenizerLoader.FromTokenizerJson(json, 0));
        Assert.Contains("Unigram", error.Message);
    }
}
