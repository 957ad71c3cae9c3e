using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Tests.Models;

namespace AdapterPipeline.TrainingWorker.Tests.Data;

public class When_conversations_are_encoded
{
    private static readonly TextTokenizer Tokenizer = TokenizerLoader.Load(ReferenceModels.PathOf(TinyBaseModels.TinyLlama), null);

    private static readonly ChatTurn[] Conversation =
    [
        new("system", "You are Ada."),
        new("user", "Who are you?"),
        new("assistant", "I am Ada, the analyst."),
        new("user", "And then?"),
        new("assistant", "Then I compute."),
    ];

    private static ExampleEncoder Encoder(int maxLength = 1024, bool trainOnInputs = false, IConversationFormatter? formatter = null) =>
        new(Tokenizer, formatter ?? TinyChatFormat.Formatter, maxLength, trainOnInputs);

    private static string TargetText(TrainingExample example) =>
        Tokenizer.Decode(example.Tokens.Where((_, t) => example.Targets[t]));

    [Fact]
    public void Should_target_only_the_assistant_replies_and_their_end_markers()
    {
        var example = Assert.Single(Encoder().Encode(TrainingDocument.Conversation("c", Conversation), 0).Examples);

        Assert.Equal(TinyChatFormat.Formatter.Render(Conversation, false), Tokenizer.Decode(example.Tokens));
        Assert.Equal("I am Ada, the analyst.<|im_end|>\nThen I compute.<|im_end|>\n", TargetText(example));
        Assert.Equal(
            Tokenizer.Encode("I am Ada, the analyst.<|im_end|>\n").Count + Tokenizer.Encode("Then I compute.<|im_end|>\n").Count,
            example.TargetCount);
    }

    [Fact]
    public void Should_leave_out_a_reply_with_weight_0()
    {
        var turns = Conversation.ToArray();
        turns[2] = turns[2] with { Weight = 0 };

        var example = Assert.Single(Encoder().Encode(TrainingDocument.Conversation("c", turns), 0).Examples);

        Assert.Equal("Then I compute.<|im_end|>\n", TargetText(example));
    }

    [Fact]
    public void Should_target_every_token_but_weight_0_replies_with_train_on_inputs()
    {
        var turns = Conversation.ToArray();
        turns[4] = turns[4] with { Weight = 0 };

        var example = Assert.Single(Encoder(trainOnInputs: true).Encode(TrainingDocument.Conversation("c", turns), 0).Examples);

        var full = TinyChatFormat.Formatter.Render(turns, false);
        Assert.Equal(full[..full.LastIndexOf("Then", StringComparison.Ordinal)], TargetText(example));
    }

    [Fact]
    public void Should_cut_whole_turns_from_the_end_keeping_the_system_prompt()
    {
        var firstExchange = TinyChatFormat.Formatter.Render(Conversation[..3], false);
        var budget = Tokenizer.Encode(firstExchange).Count + 3;

        var encoded = Encoder(maxLength: budget).Encode(TrainingDocument.Conversation("c", Conversation), 0);

        Assert.True(encoded.Truncated);
        var example = Assert.Single(encoded.Examples);
        Assert.Equal(firstExchange, Tokenizer.Decode(example.Tokens));
        Assert.StartsWith("<|im_start|>system\nYou are Ada.", Tokenizer.Decode(example.Tokens));
        Assert.Equal("I am Ada, the analyst.<|im_end|>\n", TargetText(example));
    }

    [Fact]
    public void Should_drop_a_conversation_whose_first_reply_does_not_fit()
    {
        var encoded = Encoder(maxLength: 12).Encode(TrainingDocument.Conversation("c", Conversation), 0);

        Assert.True(encoded.Truncated);
        Assert.Empty(encoded.Examples);
    }

    [Fact]
    public void Should_find_exact_spans_when_the_template_renders_a_prefix_differently()
    {
        // Like Qwen2.5's template: a default system prompt until the conversation has one of its own.
        var example = Assert.Single(Encoder(formatter: new DefaultSystemFormatter()).Encode(TrainingDocument.Conversation("c", Conversation), 0).Examples);

        Assert.Equal(new DefaultSystemFormatter().Render(Conversation, false), Tokenizer.Decode(example.Tokens));
        Assert.Equal("I am Ada, the analyst.<|im_end|>\nThen I compute.<|im_end|>\n", TargetText(example));
    }

    [Fact]
    public void Should_cut_plain_text_into_windows_that_all_train()
    {
        var text = string.Concat(Enumerable.Repeat("the cat sat on the mat. ", 20));
        var tokens = Tokenizer.Encode(text).Count + 1;

        var examples = Encoder(maxLength: 16).Encode(TrainingDocument.Plain("notes.md", text), 3).Examples;

        Assert.Equal((tokens + 15) / 16 - (tokens % 16 == 1 ? 1 : 0), examples.Count);
        Assert.All(examples, e => Assert.True(e.Tokens.Length <= 16 && e.Targets.All(t => t) && e.Document == 3));
        Assert.Equal(Tokenizer.EndOfSequenceId, examples[^1].Tokens[^1]);
    }

    private sealed class DefaultSystemFormatter : IConversationFormatter
    {
        public string Render(IReadOnlyList<ChatTurn> turns, bool addGenerationPrompt)
        {
            var system = turns.Count > 0 && turns[0].Role == "system" ? "" : "<|im_start|>system\nYou are helpful.<|im_end|>\n";
            return system + TinyChatFormat.Formatter.Render(turns, addGenerationPrompt);
        }
    }
}
