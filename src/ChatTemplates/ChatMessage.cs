namespace AdapterPipeline.ChatTemplates;

/// <summary>One turn of a conversation as a chat template sees it: <c>role</c>, <c>content</c> and an optional <c>name</c>.</summary>
public sealed record ChatMessage(string Role, string Content, string? Name = null);
