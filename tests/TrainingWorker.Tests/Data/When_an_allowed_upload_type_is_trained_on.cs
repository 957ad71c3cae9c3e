using System.Text;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Tests.Data;

/// <summary>
/// Every type the Ingress accepts by default is one the trainer reads: an accepted file that the trainer refused,
/// flagged for training, would fail every training of its avatar.
/// </summary>
public sealed class When_an_allowed_upload_type_is_trained_on
{
    private static readonly Dictionary<string, string> ValidContent = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "plain text",
        [".text"] = "plain text",
        [".md"] = "# A heading\nplain text",
        [".markdown"] = "# A heading\nplain text",
        [".json"] = "[{\"text\": \"a record\"}]",
        [".jsonl"] = "{\"text\": \"a record\"}\n",
    };

    [Fact]
    public void Should_read_every_type_the_ingress_accepts_by_default()
    {
        foreach (var extension in TrainingDataOptions.DefaultAllowedTypes.Keys)
        {
            Assert.True(ValidContent.TryGetValue(extension, out var content), $"no sample for {extension}: teach the trainer to read it first");
            var name = "sample" + extension;
            var documents = TrainingTextReader.ReadFile(new TrainingFile(name, () => new MemoryStream(Encoding.UTF8.GetBytes(content))));
            Assert.NotEmpty(documents);
        }
    }
}
