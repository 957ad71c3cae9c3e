using AdapterPipeline.Contracts.Avatars;
using AdapterPipeline.MetadataService.SystemPrompts;

namespace AdapterPipeline.MetadataService.Tests.SystemPrompts;

public sealed class When_system_prompt_changes_are_decided
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly AvatarSystemPromptState None = new();
    private static readonly AvatarSystemPromptState Ada = None.Apply(new SystemPromptSet("You are Ada.", "key1", T0));

    [Fact]
    public void Should_record_a_new_prompt_with_who_set_it()
    {
        var set = Assert.IsType<SystemPromptSet>(Assert.Single(SystemPromptDecisions.Decide(Ada, new SetSystemPrompt("u1", "a1", "You are Bea."), "key2", T0.AddMinutes(1))));

        Assert.Equal(new SystemPromptSet("You are Bea.", "key2", T0.AddMinutes(1)), set);
        Assert.Equal("You are Bea.", Ada.Apply(set).Text);
    }

    [Fact]
    public void Should_record_nothing_when_the_same_prompt_is_set_again()
    {
        Assert.Empty(SystemPromptDecisions.Decide(Ada, new SetSystemPrompt("u1", "a1", "You are Ada."), "key2", T0.AddMinutes(1)));
    }

    [Fact]
    public void Should_clear_a_set_prompt_and_record_nothing_when_none_is_set()
    {
        var cleared = Assert.IsType<SystemPromptCleared>(Assert.Single(SystemPromptDecisions.Decide(Ada, new ClearSystemPrompt("u1", "a1"), "key1", T0)));

        Assert.Null(Ada.Apply(cleared).Text);
        Assert.Empty(SystemPromptDecisions.Decide(None, new ClearSystemPrompt("u1", "a1"), "key1", T0));
    }
}
