using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>The data of a run as the loop will see it, with the settings "auto" resolved to.</summary>
internal sealed record PreparedTraining(
    TrainingRequest Request, TrainingDataset Data, IConversationFormatter Formatter, ResolvedHyperparameters Settings, int MaxLength)
{
    /// <summary>Optimizer steps of one pass over the training examples.</summary>
    public int StepsPerEpoch => StepsPerEpochOf(Data.Train.Count, Settings.BatchSize, Request.GradientAccumulationSteps);

    /// <summary>Optimizer steps of the whole run (before an early stop): epochs × steps per epoch, capped by max_steps.</summary>
    public int TotalSteps => Math.Min(StepsPerEpoch * Settings.NumEpochs, Request.MaxSteps ?? int.MaxValue);

    public static int StepsPerEpochOf(int examples, int batchSize, int gradientAccumulationSteps)
    {
        var batches = (examples + batchSize - 1) / batchSize;
        return (batches + gradientAccumulationSteps - 1) / gradientAccumulationSteps;
    }

    /// <summary>
    /// What the trainer and the preview both do with the documents: render them with the model's format, encode and
    /// truncate them to max_seq_length, split off the held-out documents, and resolve "auto" from the result and the
    /// model's parameter count.
    /// </summary>
    /// <exception cref="TrainingDataException">Nothing is left to train on.</exception>
    public static PreparedTraining Prepare(
        TrainingRequest request, IReadOnlyList<TrainingDocument> documents, IReadOnlyList<TrainingDocument> evalDocuments,
        string modelDirectory, ModelConfig config, TextTokenizer tokenizer)
    {
        var maxLength = Math.Min(request.MaxSeqLength, config.MaxPositions);
        var formatter = ModelTemplateFormatter.For(modelDirectory, tokenizer.EndOfSequenceText);
        var encoder = new ExampleEncoder(tokenizer, formatter, maxLength, request.TrainOnInputs);
        var data = TrainingDataset.Build(documents, evalDocuments, encoder, request.EvalFraction, request.Seed);
        var settings = AutoSettings.Resolve(request, data.TrainTargetTokens, data.TrainTokens, data.Train.Count, MemoryEstimator.ParameterCount(config));
        return new PreparedTraining(request, data, formatter, settings, maxLength);
    }
}
