using System.Text;
using AdapterPipeline.Ingress.Tests.TrainingData;

namespace AdapterPipeline.Ingress.Tests.Validation;

[Collection(TrainingDataCollection.Name)]
public sealed class When_input_is_at_the_edge(TrainingDataSystem system)
{
    [Fact]
    public async Task Should_refuse_an_id_with_a_trailing_newline()
    {
        using var response = await system.Http.PostAsync("/training-data/alice%0A/a1/upload", Avatar.Files(("a.txt", "x")));

        Assert.Contains("user_id", (await Avatar.ProblemAsync(response, 400)).Keys);
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e999")]
    public async Task Should_refuse_a_number_that_overflows_naming_the_field(string number)
    {
        using var response = await system.Http.PostAsync("/adapters/alice/a1/train",
            new StringContent($"{{\"learning_rate\": {number}}}", Encoding.UTF8, "application/json"));

        Assert.Contains("learning_rate", (await Avatar.ProblemAsync(response, 400)).Keys);
    }
}
