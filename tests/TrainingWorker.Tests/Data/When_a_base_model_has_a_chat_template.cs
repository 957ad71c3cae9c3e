using AdapterPipeline.ChatTemplates;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Tests.Data;

public sealed class When_a_base_model_has_a_chat_template : IDisposable
{
    private readonly DirectoryInfo model = Directory.CreateTempSubdirectory("chat-template-");

    private static readonly ChatTurn[] Conversation =
        [new(ChatTurn.System, "Be brief."), new(ChatTurn.User, "Hi"), new(ChatTurn.Assistant, "Hello")];

    [Fact]
    public void Should_render_conversations_with_the_models_own_template_and_tokens()
    {
        WriteTokenizerConfig("""
            {"eos_token": "</s>", "chat_template": "{% for m in messages %}[{{ m.role }}] {{ m.content }}{{ eos_token }}{% endfor %}{% if add_generation_prompt %}[assistant] {% endif %}"}
            """);

        var formatter = ModelTemplateFormatter.For(model.FullName);

        Assert.Equal("[system] Be brief.</s>[user] Hi</s>[assistant] Hello</s>", formatter.Render(Conversation, addGenerationPrompt: false));
        Assert.Equal("[system] Be brief.</s>[user] Hi</s>[assistant] ", formatter.Render(Conversation[..2], addGenerationPrompt: true));
    }

    [Fact]
    public void Should_prefer_chat_template_jinja_over_the_tokenizer_config()
    {
        WriteTokenizerConfig("""{"chat_template": "unused"}""");
        File.WriteAllText(Path.Combine(model.FullName, "chat_template.jinja"), "{% for m in messages %}{{ m.content }};{% endfor %}");

        Assert.Equal("Be brief.;Hi;Hello;", ModelTemplateFormatter.For(model.FullName).Render(Conversation, addGenerationPrompt: false));
    }

    [Fact]
    public void Should_fall_back_to_the_plain_format_without_a_template()
    {
        WriteTokenizerConfig("""{"eos_token": "</s>"}""");

        var formatter = ModelTemplateFormatter.For(model.FullName, endOfSequence: "<|endoftext|>");

        Assert.Equal("System:\nBe brief.\n\nUser:\nHi\n\nAssistant:\nHello</s>\n\n", formatter.Render(Conversation, addGenerationPrompt: false));
        Assert.Equal("System:\nBe brief.\n\nUser:\nHi\n\nAssistant:\n", formatter.Render(Conversation[..2], addGenerationPrompt: true));
    }

    [Fact]
    public void Should_end_plain_replies_with_the_tokenizers_end_of_sequence_when_the_config_names_none()
    {
        var formatter = ModelTemplateFormatter.For(model.FullName, endOfSequence: "<|endoftext|>");

        Assert.Equal("User:\nHi\n\nAssistant:\nHello<|endoftext|>\n\n", formatter.Render(Conversation[1..], addGenerationPrompt: false));
    }

    [Fact]
    public void Should_give_the_built_in_bases_their_chatml_template()
    {
        TinyBaseModels.Write(TinyBaseModels.TinyGpt2, model.FullName);

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n",
            ModelTemplateFormatter.For(model.FullName).Render(Conversation, addGenerationPrompt: false));
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
            ModelTemplateFormatter.For(model.FullName).Render(Conversation[1..2], addGenerationPrompt: true));
    }

    [Fact]
    public void Should_refuse_a_template_the_renderer_does_not_implement()
    {
        WriteTokenizerConfig("""{"chat_template": "{% include 'other.jinja' %}"}""");

        Assert.ThrowsAny<ChatTemplateException>(() => ModelTemplateFormatter.For(model.FullName));
    }

    private void WriteTokenizerConfig(string json) => File.WriteAllText(Path.Combine(model.FullName, "tokenizer_config.json"), json);

    public void Dispose() => model.Delete(recursive: true);
}
