namespace AdapterPipeline.Ingress.Identity;

/// <summary>
/// Endpoint metadata for a POST that changes nothing stored (e.g. generating text), so a read-only key may call it.
/// </summary>
public sealed class ChangesNothing;

/// <summary>
/// Endpoint metadata for routes whose clients read OpenAI's error shape (<c>{"error": {…}}</c>) rather than problem
/// details: the 401 of the identity checks is written in that shape there.
/// </summary>
public sealed class AnswersInOpenAiShape;
