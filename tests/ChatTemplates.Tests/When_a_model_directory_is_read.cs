namespace AdapterPipeline.ChatTemplates.Tests;

public sealed class When_a_model_directory_is_read : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("chat-format-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Should_use_the_template_and_tokens_of_tokenizer_config()
    {
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), """
            {"chat_template": "{{ bos_token }}{% for m in messages %}[{{ m.role }}]{{ m.content }}{{ eos_token }}{% endfor %}",
             "bos_token": {"__type": "AddedToken", "content": "<B>"}, "eos_token": "<E>"}
            """);

        var format = ModelChatFormat.Load(directory);

        Assert.Equal("<B>[user]Hi<E>", format.Render([new ChatMessage("user", "Hi")], false));
    }

    [Fact]
    public void Should_prefer_chat_template_jinja()
    {
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), """{"chat_template": "config", "eos_token": "<E>"}""");
        File.WriteAllText(Path.Combine(directory, "chat_template.jinja"), "file {{ messages | length }}\n");

        Assert.Equal("file 1", ModelChatFormat.Load(directory).Render([new ChatMessage("user", "Hi")], false));
    }

    [Fact]
    public void Should_fall_back_to_the_plain_format_without_a_template()
    {
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), """{"eos_token": "</s>"}""");

        var format = ModelChatFormat.Load(directory);

        Assert.Null(format.Template);
        Assert.Equal("User:\nHi\n\nAssistant:\n", format.Render([new ChatMessage("user", "Hi")], true));
    }

    [Fact]
    public void Should_refuse_an_unsupported_template_when_loading()
    {
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), """{"chat_template": "{% extends 'base' %}"}""");

        var error = Assert.ThrowsAny<ChatTemplateException>(() => ModelChatFormat.Load(directory));
        Assert.Contains("extends", error.Message);
    }
}
