namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// One message of a conversation as the training file gives it. <see cref="Weight"/> is OpenAI's per-message
/// <c>weight</c>: 0 keeps an assistant message out of the loss, 1 (or none) trains on it.
/// </summary>
public sealed record ChatTurn(string Role, string Content, int? Weight = null)
{
    public const string Assistant = "assistant";
    public const string System = "system";
    public const string User = "user";
}
