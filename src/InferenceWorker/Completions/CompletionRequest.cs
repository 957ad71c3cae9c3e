using AdapterPipeline.ChatTemplates;
using AdapterPipeline.Domain.Inference;
using AdapterPipeline.LanguageModels.Generation;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// A chat or text completion request as validated: exactly one of <see cref="Messages"/> and <see cref="Prompt"/>,
/// the sampling settings (a seed is drawn when none is given), stop sequences and streaming.
/// </summary>
public sealed record CompletionRequest(
    string Model,
    ModelAddress Address,
    IReadOnlyList<ChatMessage>? Messages,
    string? Prompt,
    int MaxTokens,
    SamplingSettings Sampling,
    IReadOnlyList<string> Stop,
    bool Stream,
    bool IncludeUsage);
