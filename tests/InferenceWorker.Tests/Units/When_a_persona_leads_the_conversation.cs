using AdapterPipeline.ChatTemplates;
using AdapterPipeline.InferenceWorker.SystemPrompts;

namespace AdapterPipeline.InferenceWorker.Tests.Units;

public sealed class When_a_persona_leads_the_conversation
{
    private static readonly ChatMessage User = new("user", "Hello");

    [Fact]
    public void Should_put_the_stored_prompt_first_as_a_system_message()
    {
        var messages = PersonaMessages.Assemble("You are Ada.", [User]);

        Assert.Equal([new ChatMessage("system", "You are Ada."), User], messages);
    }

    [Fact]
    public void Should_join_the_callers_leading_system_message_after_the_persona()
    {
        var messages = PersonaMessages.Assemble("You are Ada.", [new ChatMessage("system", "Be terse."), User]);

        Assert.Equal([new ChatMessage("system", "You are Ada.\n\nBe terse."), User], messages);
    }

    [Fact]
    public void Should_leave_later_system_messages_where_the_caller_put_them()
    {
        var later = new ChatMessage("system", "Now answer in French.");

        var messages = PersonaMessages.Assemble("You are Ada.", [User, later]);

        Assert.Equal([new ChatMessage("system", "You are Ada."), User, later], messages);
    }

    [Fact]
    public void Should_leave_the_conversation_as_it_is_without_a_prompt()
    {
        IReadOnlyList<ChatMessage> given = [new ChatMessage("system", "Be terse."), User];

        Assert.Same(given, PersonaMessages.Assemble(null, given));
    }
}
