using System.Text.Json;

namespace AdapterPipeline.ChatTemplates.Tests;

/// <summary>Byte-for-byte parity with @huggingface/jinja on the chat templates real models ship.</summary>
public class When_a_real_template_renders_a_conversation
{
    public static IEnumerable<object[]> Cases => TemplateFixtures.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_match_the_reference_renderer(string model, int index)
    {
        var fixture = TemplateFixtures.Expected(model);
        var result = fixture.GetProperty("results")[index];
        var input = TemplateFixtures.Inputs().GetProperty("cases")[index];
        var conversation = result.GetProperty("conversation").GetString()!;
        Assert.Equal(input.GetProperty("conversation").GetString(), conversation);

        var extra = new Dictionary<string, object?>
        {
            ["bos_token"] = fixture.GetProperty("bos_token").GetString(),
            ["eos_token"] = fixture.GetProperty("eos_token").GetString(),
        };
        foreach (var property in input.GetProperty("extra").EnumerateObject()) extra[property.Name] = property.Value;

        var template = ChatTemplate.Parse(TemplateFixtures.TemplateSource(model));
        var messages = TemplateFixtures.Conversation(conversation);
        var addGenerationPrompt = result.GetProperty("add_generation_prompt").GetBoolean();

        if (result.TryGetProperty("error", out var error))
        {
            var refusal = Assert.ThrowsAny<ChatTemplateException>(() => template.Render(messages, addGenerationPrompt, extra));
            Assert.Equal(error.GetString(), refusal.Message);
        }
        else
        {
            Assert.Equal(result.GetProperty("rendered").GetString(), template.Render(messages, addGenerationPrompt, extra));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Should_have_been_rendered_from_the_checked_in_template_and_conversations(string model)
    {
        var fixture = TemplateFixtures.Expected(model);
        Assert.Equal(fixture.GetProperty("template_sha256").GetString(), TemplateFixtures.Sha256Of($"{model}.jinja"));
        Assert.Equal(fixture.GetProperty("conversations_sha256").GetString(), TemplateFixtures.Sha256Of("conversations.json"));
        Assert.Equal(TemplateFixtures.Inputs().GetProperty("cases").GetArrayLength(), fixture.GetProperty("results").GetArrayLength());
    }

    public static IEnumerable<object[]> Models => TemplateFixtures.Models.Select(m => new object[] { m });
}
