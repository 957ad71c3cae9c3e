namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// ChatML, the format Qwen2 was trained on and the format for base models without a template of their own:
/// <code>
/// &lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n
/// </code>
/// once per message, and <c>&lt;|im_start|&gt;assistant\n</c> as the generation prompt. No BOS token.
/// </summary>
public sealed class ChatMlFormatter : IConversationFormatter
{
    public const string Start = "<|im_start|>";
    public const string End = "<|im_end|>";

    public static ChatMlFormatter Instance { get; } = new();

    public string Render(IReadOnlyList<ChatTurn> turns, bool addGenerationPrompt) =>
        string.Concat(turns.Select(m => $"{Start}{m.Role}\n{m.Content}{End}\n")) + (addGenerationPrompt ? $"{Start}{ChatTurn.Assistant}\n" : "");
}
