using System.Text;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.TrainingWorker.Reports;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Reports;

public class When_chat_training_is_reported
{
    private static readonly TrainingMetrics Metrics = new([new LossPoint(1, 3.2)], [new LossPoint(1, 3.4)], 3.2, 3.4, 100, "cpu", "float32", 1, 1, 1, 900, 120, 64)
    {
        TrainExamples = 9,
        EvalExamples = 1,
        TrainTargetTokens = 210,
        EvalTargetTokens = 25,
        TruncatedExamples = 2,
        EpochMetrics = [new EpochMetrics(1, 1, 3.2, 3.4, Math.Exp(3.4), 0.25)],
        BestEpoch = 1,
        AutoSettings = [new AutoSetting("num_epochs", "8", "210 trained tokens per epoch")],
    };

    [Fact]
    public async Task Should_record_token_counts_truncation_epochs_and_auto_settings_in_the_manifest()
    {
        using var stream = new MemoryStream();
        var result = new TrainingResult(Metrics, new AdapterFiles("adapter_config.json", "adapter_model.safetensors"), []);
        await TrainingManifestJson.WriteAsync(stream, TrainingManifests.Trained(Guid.NewGuid(), new TrainingRequest(), result, []), CancellationToken.None);
        var json = Encoding.UTF8.GetString(stream.ToArray());
        var back = TrainingManifestJson.Read(stream.ToArray());

        Assert.Contains("\"train_target_tokens\": 210", json);
        Assert.Contains("\"truncated_examples\": 2", json);
        Assert.Contains("\"best_epoch\": 1", json);
        Assert.Contains("\"eval_accuracy\": 0.25", json);
        Assert.Contains("\"num_epochs\": null", json);
        Assert.Equal(Metrics.EpochMetrics.Select(e => (e.Epoch, e.Step, e.TrainLoss, e.EvalLoss, e.EvalPerplexity, e.EvalAccuracy)),
            back.Metrics.EpochMetrics.Select(e => (e.Epoch, e.Step, e.TrainLoss, e.EvalLoss, e.EvalPerplexity, e.EvalAccuracy)));
        Assert.Equal(Metrics.AutoSettings.Select(a => (a.Field, a.Value, a.Reason)), back.Metrics.AutoSettings.Select(a => (a.Field, a.Value, a.Reason)));
        Assert.Equal(210, back.Metrics.TrainTargetTokens);
    }
}
