using System.Text;
using System.Text.Json;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.PackagingWorker.Packaging;

namespace AdapterPipeline.PackagingWorker.Tests.ModelCards;

public sealed class When_the_manifest_is_read
{
    [Fact]
    public void Should_read_back_what_the_training_worker_writes()
    {
        var back = TrainingManifestJson.Read(StagedAdapter.Json(StagedAdapter.TrainedManifest));

        Assert.Equal(StagedAdapter.TrainedManifest.JobId, back.JobId);
        Assert.Equal(StagedAdapter.TrainedManifest.Metrics.LossCurve, back.Metrics.LossCurve);
        Assert.Equal(StagedAdapter.TrainedManifest.TrainingFiles, back.TrainingFiles);
        Assert.Equal(StagedAdapter.TrainedManifest.Hyperparameters.Keys, back.Hyperparameters.Keys);
    }

    [Fact]
    public void Should_write_snake_case_and_non_finite_losses_as_names()
    {
        var json = Encoding.UTF8.GetString(StagedAdapter.Json(StagedAdapter.UntrainedManifest));

        Assert.Contains("\"final_train_loss\": \"NaN\"", json);
        Assert.Contains("\"training_files\": []", json);
        Assert.Equal(double.NaN, TrainingManifestJson.Read(Encoding.UTF8.GetBytes(json)).Metrics.FinalTrainLoss);
    }

    [Fact]
    public void Should_render_a_non_finite_loss_as_it_is()
    {
        var manifest = StagedAdapter.TrainedManifest with
        {
            Metrics = StagedAdapter.TrainedManifest.Metrics with { FinalTrainLoss = double.NaN, FinalEvalLoss = null },
        };
        var card = ModelCard.Render(new ModelCardInput("a", "b", 1, Guid.NewGuid(), manifest, null));

        Assert.Contains("| final train loss | NaN |", card);
        Assert.Contains("| final eval loss | – |", card);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{}")]
    [InlineData("""{"job_id": "6f1d0c7e2a8b4d5f9e3c1a2b3c4d5e6f", "trained": true, "base_model": null}""")]
    public void Should_refuse_what_is_not_a_whole_manifest(string text) =>
        Assert.ThrowsAny<JsonException>(() => TrainingManifestJson.Read(Encoding.UTF8.GetBytes(text)));
}
