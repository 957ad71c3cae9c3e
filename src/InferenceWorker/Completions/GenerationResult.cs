namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>How a reply ended (<c>stop</c> or <c>length</c>, as OpenAI names it) and what it counted.</summary>
public sealed record GenerationResult(string FinishReason, int PromptTokens, int CompletionTokens);
