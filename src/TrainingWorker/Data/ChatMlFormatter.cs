using AdapterPipeline.ChatTemplates;

namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// ChatML (<see cref="ConversationFormat.ChatMl"/>), the format Qwen2 was trained on and the format for base models
/// without a template of their own:
/// <code>
/// &lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n
/// </code>
/// once per message, and <c>&lt;|im_start|&gt;assistant\n</c> as the generation prompt. No BOS token.
/// </summary>
public sealed class ChatMlFormatter : IConversationFormatter
{
    public const string Start = ConversationFormat.ChatMlStart;
    public const string End = ConversationFormat.ChatMlEnd;

    public static ChatMlFormatter Instance { get; } = new();

    public string Render(IReadOnlyList<ChatTurn> turns, bool addGenerationPrompt) =>
        ConversationFormat.ChatMl.Render(turns.Select(t => new ChatMessage(t.Role, t.Content)).ToList(), addGenerationPrompt);
}
