namespace AdapterPipeline.ChatTemplates;

/// <summary>
/// How the trainer and the inference worker render a conversation for a base model: the model's own chat template
/// (<see cref="ModelChatFormat"/>), or ChatML when the model ships none. Rendering a prefix of the messages gives a
/// prefix of the text, which the trainer relies on to find each turn's span.
/// </summary>
public sealed class ConversationFormat
{
    public const string ChatMlStart = "<|im_start|>";
    public const string ChatMlEnd = "<|im_end|>";

    private readonly ModelChatFormat? model;

    private ConversationFormat(ModelChatFormat? model) => this.model = model;

    /// <summary>ChatML: <c>&lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n</c> per message, no BOS token.</summary>
    public static ConversationFormat ChatMl { get; } = new(null);

    /// <summary>The format for the model in <paramref name="modelDirectory"/>; an unsupported template throws <see cref="ChatTemplateException"/>.</summary>
    public static ConversationFormat For(string modelDirectory) =>
        ModelChatFormat.Load(modelDirectory) is { Template: not null } format ? new ConversationFormat(format) : ChatMl;

    public bool UsesModelTemplate => model is not null;

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt) =>
        model is not null
            ? model.Render(messages, addGenerationPrompt)
            : string.Concat(messages.Select(m => $"{ChatMlStart}{m.Role}\n{m.Content}{ChatMlEnd}\n")) + (addGenerationPrompt ? $"{ChatMlStart}assistant\n" : "");
}
