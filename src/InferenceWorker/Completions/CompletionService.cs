using AdapterPipeline.InferenceWorker.Adapters;
using AdapterPipeline.InferenceWorker.Serving;
using AdapterPipeline.InferenceWorker.SystemPrompts;

namespace AdapterPipeline.InferenceWorker.Completions;

/// <summary>
/// Resolves a request's model to a base model and, for an avatar, the adapter version to apply (the current one
/// unless pinned), and renders the prompt: a conversation with the base model's format, as the trainer renders it,
/// led by the avatar's stored system prompt (<see cref="PersonaMessages"/>); text completions are rendered as given.
/// </summary>
public sealed class CompletionService(ServedBases bases, AdapterStore adapters, SystemPromptStore systemPrompts)
{
    public async Task<PreparedCompletion> PrepareAsync(CompletionRequest request, CancellationToken ct)
    {
        var address = request.Address;
        AdapterLease? lease = null;
        string baseName;
        var messages = request.Messages;
        if (address.IsAvatar)
        {
            // The persona is read while the pointer is, and awaited before an unknown model is refused.
            var persona = messages is null ? Task.FromResult<string?>(null) : systemPrompts.ReadAsync(address.UserId!, address.AvatarId!, ct);
            var version = address.Version ?? await adapters.CurrentVersionAsync(address.UserId!, address.AvatarId!, ct);
            var systemPrompt = await persona;
            lease = await adapters.LeaseAsync(new AdapterKey(address.UserId!, address.AvatarId!, version ?? throw OpenAiException.ModelNotFound(request.Model)), ct)
                ?? throw OpenAiException.ModelNotFound(request.Model);
            baseName = lease.Adapter.BaseModel;
            if (messages is not null)
            {
                messages = PersonaMessages.Assemble(systemPrompt, messages);
            }
        }
        else
        {
            baseName = bases.Contains(address.BaseModel!) ? address.BaseModel! : throw OpenAiException.ModelNotFound(request.Model);
        }
        try
        {
            var served = await bases.GetAsync(baseName, ct);
            var text = messages is not null ? served.Format.Render(messages, addGenerationPrompt: true) : request.Prompt!;
            var prompt = served.Model.Tokenizer.Encode(text);
            var context = served.Model.Config.MaxContext;
            if (prompt.Count == 0 || prompt.Count >= context)
            {
                var param = request.Messages is null ? "prompt" : "messages";
                throw OpenAiException.Invalid(param, $"The prompt is {prompt.Count} tokens; the model takes 1 to {context - 1}.");
            }
            return new PreparedCompletion(served, lease, prompt, request);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }
    }
}

/// <summary>A request ready to decode; disposing it ends its hold on the adapter.</summary>
public sealed class PreparedCompletion(ServedBase served, AdapterLease? lease, IReadOnlyList<int> prompt, CompletionRequest request) : IAsyncDisposable
{
    public Task<GenerationResult> RunAsync(Func<string, Task> onText, CancellationToken ct) =>
        TextGeneration.RunAsync(served, lease?.Adapter.Lora, prompt, request, onText, ct);

    public ValueTask DisposeAsync()
    {
        lease?.Dispose();
        return ValueTask.CompletedTask;
    }
}
