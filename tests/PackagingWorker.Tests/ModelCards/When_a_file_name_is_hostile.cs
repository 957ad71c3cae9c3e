using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.PackagingWorker.Packaging;

namespace AdapterPipeline.PackagingWorker.Tests.ModelCards;

/// <summary>A training file's name is the uploader's text: the card shows it as code, so nothing in it is rendered.</summary>
public sealed class When_a_file_name_is_hostile
{
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>.txt", "`<img src=x onerror=alert(1)>.txt`")]
    [InlineData("[click](https://example.com).md", "`[click](https://example.com).md`")]
    [InlineData("a|b.txt", "`a\\|b.txt`")]
    [InlineData("tick`s.txt", "``tick`s.txt``")]
    [InlineData("`edge.txt", "`` `edge.txt ``")]
    public void Should_show_the_name_as_inline_code(string fileName, string cell)
    {
        var manifest = StagedAdapter.TrainedManifest with { TrainingFiles = [new TrainingManifestFile(fileName, 4, StagedAdapter.TrainingFileSha256)] };

        var card = ModelCard.Render(new ModelCardInput("support-voice", "avatar_42", 1, Guid.Empty, manifest, null));

        Assert.Contains($"| {cell} | `{StagedAdapter.TrainingFileSha256}` |", card);
    }
}
