namespace AdapterPipeline.TrainingWorker.Data;

public sealed record ChatMessage(string Role, string Content);

/// <summary>
/// Renders a conversation as ChatML, the format Qwen2 was trained on and a neutral choice for the rest:
/// <code>
/// &lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n
/// </code>
/// once per message. Every token of the rendered text is trained on, the markers included.
/// </summary>
public static class ChatTemplate
{
    public const string Start = "<|im_start|>";
    public const string End = "<|im_end|>";

    public static string Render(IEnumerable<ChatMessage> messages) =>
        string.Concat(messages.Select(m => $"{Start}{m.Role}\n{m.Content}{End}\n"));
}
