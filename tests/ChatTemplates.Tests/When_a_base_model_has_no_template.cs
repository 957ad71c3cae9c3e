namespace AdapterPipeline.ChatTemplates.Tests;

public class When_a_base_model_has_no_template
{
    [Fact]
    public void Should_render_the_documented_plain_format()
    {
        var rendered = PlainChatFormat.Render(
            [new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi"), new ChatMessage("assistant", "Hello!"), new ChatMessage("user", "Bye")],
            addGenerationPrompt: true, eosToken: "</s>");

        Assert.Equal("System:\nBe brief.\n\nUser:\nHi\n\nAssistant:\nHello!</s>\n\nUser:\nBye\n\nAssistant:\n", rendered);
    }

    [Fact]
    public void Should_leave_out_the_end_token_when_the_tokenizer_has_none()
    {
        Assert.Equal("Assistant:\nHello!\n\n", PlainChatFormat.Render([new ChatMessage("assistant", "Hello!")], false, null));
    }
}
