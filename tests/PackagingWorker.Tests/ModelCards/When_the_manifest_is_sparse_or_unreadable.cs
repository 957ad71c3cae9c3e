using AdapterPipeline.PackagingWorker.Packaging;

namespace AdapterPipeline.PackagingWorker.Tests.ModelCards;

public sealed class When_the_manifest_is_sparse_or_unreadable
{
    [Fact]
    public void Should_render_an_empty_manifest_as_an_untrained_adapter_of_an_unknown_base()
    {
        var card = ModelCard.Render(new ModelCardInput("a", "b", 1, Guid.NewGuid(), TrainingManifestSummary.Parse("{}"u8), null));

        Assert.Contains("- **Base model:** `unknown`", card);
        Assert.Contains("untrained", card);
        Assert.DoesNotContain("## Hyperparameters", card);
        Assert.DoesNotContain("## Training files", card);
    }

    [Fact]
    public void Should_render_metrics_with_missing_and_non_finite_values()
    {
        var manifest = TrainingManifestSummary.Parse("""{"metrics": {"final_train_loss": "NaN", "total_steps": 2}}"""u8);
        var card = ModelCard.Render(new ModelCardInput("a", "b", 1, Guid.NewGuid(), manifest, null));

        Assert.Contains("| final train loss | NaN |", card);
        Assert.Contains("| final eval loss | – |", card);
        Assert.Contains("| device | – |", card);
        Assert.Contains("| steps | 2 |", card);
    }

    [Fact]
    public void Should_skip_training_files_without_a_name()
    {
        var manifest = TrainingManifestSummary.Parse("""{"training_files": [{"sha256": "ab"}, {"file_name": "b.txt"}]}"""u8);

        Assert.Equal([new TrainingFileUsed("b.txt", null)], manifest.TrainingFiles);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    public void Should_refuse_a_manifest_that_is_not_a_json_object(string text)
    {
        var error = Assert.Throws<PackagingInputException>(() => TrainingManifestSummary.Parse(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Contains("training_manifest.json", error.Message);
    }
}
