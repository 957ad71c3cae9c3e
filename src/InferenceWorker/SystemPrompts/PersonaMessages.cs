using AdapterPipeline.ChatTemplates;

namespace AdapterPipeline.InferenceWorker.SystemPrompts;

/// <summary>
/// The conversation an avatar is asked: its stored system prompt first, then the caller's messages. A caller's own
/// leading system message follows the persona in the same system turn (a blank line between), because many chat
/// templates accept only one system message and only at the start; the persona is never replaced.
/// </summary>
public static class PersonaMessages
{
    public const string SystemRole = "system";

    public static IReadOnlyList<ChatMessage> Assemble(string? systemPrompt, IReadOnlyList<ChatMessage> messages)
    {
        if (systemPrompt is null)
        {
            return messages;
        }
        if (messages.Count > 0 && messages[0].Role == SystemRole)
        {
            return [new ChatMessage(SystemRole, $"{systemPrompt}\n\n{messages[0].Content}"), .. messages.Skip(1)];
        }
        return [new ChatMessage(SystemRole, systemPrompt), .. messages];
    }
}
