using AdapterPipeline.ChatTemplates;
using AdapterPipeline.LanguageModels.BaseModels;

namespace AdapterPipeline.InferenceWorker.Serving;

/// <summary>
/// A base model held once, frozen, for every adapter of it, with the renderer the trainer uses for its conversations
/// and the batch decoder that owns the model's forward passes.
/// </summary>
public sealed class ServedBase(BaseModel model, ModelChatFormat format, int maxBatchRows) : IDisposable
{
    public BaseModel Model { get; } = model;

    public ModelChatFormat Format { get; } = format;

    public BatchDecoder Decoder { get; } = new(model.Model, model.Tokenizer.EndOfSequenceId, maxBatchRows);

    public void Dispose()
    {
        Decoder.Dispose();
        Model.Dispose();
    }
}
