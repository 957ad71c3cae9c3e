namespace AdapterPipeline.Cli.Chat;

/// <summary>One turn of a conversation as OpenAI's chat API takes it.</summary>
public sealed record ChatMessage(string Role, string Content);
