namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>Renders a conversation as the text the base model was trained on (its chat template).</summary>
public interface IConversationFormatter
{
    /// <summary>
    /// The conversation as text. With <paramref name="addGenerationPrompt"/> the text ends with the opening of an
    /// assistant reply, as at inference. Rendering a prefix of the turns must give a prefix of the text; the
    /// trainer finds each turn's span that way.
    /// </summary>
    string Render(IReadOnlyList<ChatTurn> turns, bool addGenerationPrompt);
}
