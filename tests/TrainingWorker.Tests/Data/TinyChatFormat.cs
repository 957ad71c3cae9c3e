using AdapterPipeline.ChatTemplates;
using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Tests.Data;

/// <summary>The built-in bases' chat template (ChatML) as the trainer loads it from their tokenizer_config.json.</summary>
internal static class TinyChatFormat
{
    public static ModelTemplateFormatter Formatter { get; } =
        new(new ModelChatFormat(ChatTemplate.Parse(TinyTokenizerFiles.ChatTemplate), null, TinyTokenizerFiles.EndOfText));
}
