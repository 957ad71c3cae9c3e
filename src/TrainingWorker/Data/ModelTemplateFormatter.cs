using AdapterPipeline.ChatTemplates;

namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// Conversations rendered with the base model's own chat template and its <c>bos_token</c>/<c>eos_token</c>
/// (<c>chat_template.jinja</c>, or <c>chat_template</c> in <c>tokenizer_config.json</c>), so training and serving
/// format a conversation exactly as the model saw conversations in its own fine-tuning. The inference worker renders
/// through the same <see cref="ConversationFormat"/>.
/// </summary>
public sealed class ModelTemplateFormatter(ConversationFormat format) : IConversationFormatter
{
    public string Render(IReadOnlyList<ChatTurn> turns, bool addGenerationPrompt) =>
        format.Render(turns.Select(t => new ChatMessage(t.Role, t.Content)).ToList(), addGenerationPrompt);

    /// <summary>
    /// The template of the model in <paramref name="modelDirectory"/>, or ChatML (<see cref="ChatMlFormatter"/>) when it
    /// ships none. A template using a construct the renderer does not implement throws <see cref="ChatTemplateException"/>.
    /// </summary>
    public static IConversationFormatter For(string modelDirectory) =>
        ConversationFormat.For(modelDirectory) is { UsesModelTemplate: true } format ? new ModelTemplateFormatter(format) : ChatMlFormatter.Instance;
}
