namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// One document of training data, the unit that is held out for evaluation: a plain text (a whole .txt/.md file
/// or a JSON "text" record), or a conversation (a JSON "messages" record).
/// </summary>
/// <param name="Source">File name and line or item, for messages.</param>
/// <param name="Text">The plain text; null for a conversation.</param>
/// <param name="Turns">The conversation; null for a plain text.</param>
public sealed record TrainingDocument(string Source, string? Text, IReadOnlyList<ChatTurn>? Turns)
{
    public static TrainingDocument Plain(string source, string text) => new(source, text, null);

    public static TrainingDocument Conversation(string source, IReadOnlyList<ChatTurn> turns) => new(source, null, turns);
}
