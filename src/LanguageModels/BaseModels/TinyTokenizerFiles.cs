using System.Text.Json.Nodes;
using System.Text.Json;
using AdapterPipeline.LanguageModels.Tokenization;

namespace AdapterPipeline.LanguageModels.BaseModels;

/// <summary>
/// The built-in models' tokenizer: the 256 byte tokens, a handful of English merges, and ChatML special tokens.
/// Written either as tokenizer.json (Llama 3 / Qwen2 style) or as GPT-2's vocab.json + merges.txt.
/// </summary>
internal static class TinyTokenizerFiles
{
    public const string EndOfText = "<|endoftext|>";
    public const int VocabSize = 272;

    // Qwen2's pre-tokenizer split.
    private const string SplitPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static readonly string[] Merges = ["Ġ t", "h e", "Ġt he", "i n", "e r", "a n", "Ġ a", "o n"];
    private static readonly string[] Specials = [EndOfText, "<|im_start|>", "<|im_end|>"];

    public static int EndOfTextId => 256 + Merges.Length;

    public static Dictionary<string, int> Vocabulary()
    {
        var vocab = new Dictionary<string, int>();
        foreach (var (_, c) in ByteLevelAlphabet.Table)
        {
            vocab[c.ToString()] = vocab.Count;
        }
        foreach (var merge in Merges)
        {
            vocab[merge.Replace(" ", "")] = vocab.Count;
        }
        return vocab;
    }

    public static void WriteTokenizerJson(string directory)
    {
        var vocab = new JsonObject();
        foreach (var (token, id) in Vocabulary())
        {
            vocab[token] = id;
        }
        var added = new JsonArray();
        for (var i = 0; i < Specials.Length; i++)
        {
            added.Add(new JsonObject
            {
                ["id"] = EndOfTextId + i, ["content"] = Specials[i], ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            });
        }
        var byteLevel = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false };
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = SplitPattern }, ["behavior"] = "Isolated", ["invert"] = false },
                    byteLevel),
            },
            ["post_processor"] = null,
            ["decoder"] = byteLevel.DeepClone(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = null,
                ["end_of_word_suffix"] = null, ["fuse_unk"] = false, ["byte_fallback"] = false,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray(Merges.Select(m => (JsonNode)m).ToArray()),
            },
        };
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// ChatML as a Jinja template, the way Qwen2 ships it: the built-in models then have a chat template of their own
    /// and their conversations go through the same renderer as a real model's.
    /// </summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>The file <c>transformers</c> reads the chat template and the special tokens' text from.</summary>
    public static void WriteTokenizerConfig(string directory)
    {
        var config = new JsonObject
        {
            ["bos_token"] = null, ["eos_token"] = EndOfText, ["pad_token"] = EndOfText, ["chat_template"] = ChatTemplate,
            ["model_max_length"] = 512, ["tokenizer_class"] = "PreTrainedTokenizerFast",
        };
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static void WriteVocabAndMerges(string directory)
    {
        var vocab = Vocabulary();
        for (var i = 0; i < Specials.Length; i++)
        {
            vocab[Specials[i]] = EndOfTextId + i;
        }
        File.WriteAllText(Path.Combine(directory, "vocab.json"), JsonSerializer.Serialize(vocab));
        File.WriteAllLines(Path.Combine(directory, "merges.txt"), ["#version: 0.2", .. Merges]);
    }
}
