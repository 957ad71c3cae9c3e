namespace AdapterPipeline.ChatTemplates;

/// <summary>
/// A chat template that cannot be parsed (an unsupported construct, named with its line and column) or that refused
/// to render a conversation (its own <c>raise_exception</c>, or an operation on values it does not support).
/// </summary>
public class ChatTemplateException(string message) : Exception(message);
