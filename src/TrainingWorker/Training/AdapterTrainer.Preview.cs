using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.LanguageModels.Tokenization;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Data;
using TorchSharp;

namespace AdapterPipeline.TrainingWorker.Training;

public sealed partial class AdapterTrainer
{
    public async Task<TrainingPreview> PreviewAsync(TrainingRequest request, IReadOnlyList<TrainingFile> files, CancellationToken ct)
    {
        await EnsureValidAsync(request, ct);
        var directory = await baseModels.ResolveAsync(request.BaseModel, ct);
        // Tokenizing is CPU work but needs no torch, so it runs beside a training job instead of waiting for it.
        return await Task.Run(() => Preview(request, files, directory), ct);
    }

    private TrainingPreview Preview(TrainingRequest request, IReadOnlyList<TrainingFile> files, string directory)
    {
        var config = ModelConfigJson.Read(Path.Combine(directory, "config.json"));
        request = request with { TargetModules = request.TargetModules ?? LoraSettings.DefaultTargets(config.Architecture) };
        var tokenizer = TokenizerLoader.Load(directory, config.EosTokenId);
        var errors = new List<TrainingDataException>();
        List<TrainingDocument> Read(IEnumerable<TrainingFile> part) => part.SelectMany(file =>
        {
            try
            {
                return TrainingTextReader.ReadFile(file);
            }
            catch (TrainingDataException ex)
            {
                errors.Add(ex);
                return [];
            }
        }).ToList();

        if (files.Count == 0)
        {
            return new TrainingPreview(request, null, null, 0, 0, 0, [new TrainingDataException("No file is flagged for training.")]);
        }
        var evalFiles = files.Where(f => request.EvalFiles.Contains(f.Name)).ToList();
        var documents = Read(files.Except(evalFiles));
        var evalDocuments = Read(evalFiles);
        PreparedTraining prepared;
        try
        {
            prepared = PreparedTraining.Prepare(request, documents, evalDocuments, directory, config, tokenizer);
        }
        catch (TrainingDataException ex)
        {
            errors.Add(ex);
            return new TrainingPreview(request, null, null, 0, 0, 0, errors);
        }

        var (data, settings) = (prepared.Data, prepared.Settings);
        var parameters = MemoryEstimator.ParameterCount(config);
        var tokensFed = (double)data.TrainTokens * prepared.TotalSteps / Math.Max(1, prepared.StepsPerEpoch);
        var seconds = tokensFed / throughput.TokensPerSecond(request.BaseModel, parameters, out _);
        var lora = new LoraSettings(request.LoraR, request.LoraAlpha, request.LoraDropout, request.TargetModules);
        var memory = MemoryEstimator.Estimate(config, lora, settings.BatchSize, prepared.MaxLength,
            device.Device.type == DeviceType.CUDA ? 2 : 4).Total;
        return new TrainingPreview(request, data, settings, prepared.TotalSteps, seconds, memory, errors);
    }
}
