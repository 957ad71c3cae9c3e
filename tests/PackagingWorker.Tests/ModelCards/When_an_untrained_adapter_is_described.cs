using System.Text;
using AdapterPipeline.PackagingWorker.Packaging;

namespace AdapterPipeline.PackagingWorker.Tests.ModelCards;

public sealed class When_an_untrained_adapter_is_described
{
    private readonly string card = ModelCard.Render(new ModelCardInput(
        "blank", "avatar_1", 1, Guid.NewGuid(),
        StagedAdapter.UntrainedManifest,
        LossCurvePng: null));

    [Fact]
    public void Should_say_it_behaves_exactly_as_the_base_model() =>
        Assert.Contains("- **Status:** untrained. The adapter's B matrices are zero, so it behaves exactly as the base model.", card);

    [Fact]
    public void Should_name_the_base_model() => Assert.Contains("- **Base model:** `tiny-gpt2`", card);

    [Fact]
    public void Should_show_no_metrics_image_or_samples()
    {
        Assert.DoesNotContain("## Metrics", card);
        Assert.DoesNotContain("data:image/png", card);
        Assert.DoesNotContain("## Sample completions", card);
    }

    [Fact]
    public void Should_still_say_how_to_load_it() => Assert.Contains("## How to load", card);
}
