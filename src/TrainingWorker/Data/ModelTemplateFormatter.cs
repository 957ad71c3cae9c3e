using AdapterPipeline.ChatTemplates;

namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// Conversations rendered as the base model formats them (<see cref="ModelChatFormat"/>): its own chat template with
/// its <c>bos_token</c>/<c>eos_token</c> (<c>chat_template.jinja</c>, or <c>chat_template</c> in
/// <c>tokenizer_config.json</c>), else <see cref="PlainChatFormat"/>. The inference worker renders through the same
/// <see cref="ModelChatFormat"/>, so training and serving format a conversation the same way.
/// </summary>
public sealed class ModelTemplateFormatter(ModelChatFormat format) : IConversationFormatter
{
    public string Render(IReadOnlyList<ChatTurn> turns, bool addGenerationPrompt) =>
        format.Render(turns.Select(t => new ChatMessage(t.Role, t.Content)).ToList(), addGenerationPrompt);

    /// <summary>
    /// The format of the model in <paramref name="modelDirectory"/>, with the tokenizer's end-of-sequence text
    /// (<paramref name="endOfSequence"/>) where tokenizer_config.json names none. A template using a construct the
    /// renderer does not implement throws <see cref="ChatTemplateException"/>.
    /// </summary>
    public static ModelTemplateFormatter For(string modelDirectory, string? endOfSequence = null) =>
        new(ModelChatFormat.Load(modelDirectory, endOfSequence));
}
