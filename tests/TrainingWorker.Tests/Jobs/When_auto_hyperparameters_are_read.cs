using System.Text.Json;
using AdapterPipeline.Contracts.Adapters;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public class When_auto_hyperparameters_are_read
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [Fact]
    public void Should_read_auto_as_null_and_numbers_as_numbers()
    {
        var read = JsonSerializer.Deserialize<TrainingHyperparameters>(
            """{"learning_rate": "auto", "num_epochs": 3, "batch_size": "AUTO", "lora_r": 4}""", Json)!;

        Assert.Equal(new TrainingHyperparameters(NumEpochs: 3, LoraR: 4), read);
    }

    [Fact]
    public void Should_write_the_same_json_as_before_auto_existed()
    {
        var json = JsonSerializer.Serialize(new TrainingHyperparameters(LearningRate: 1e-4, NumEpochs: 2), Json);

        Assert.Contains("\"learning_rate\":0.0001", json);
        Assert.Contains("\"num_epochs\":2", json);
        Assert.Contains("\"batch_size\":null", json);
        Assert.Equal(new TrainingHyperparameters(LearningRate: 1e-4, NumEpochs: 2), JsonSerializer.Deserialize<TrainingHyperparameters>(json, Json));
    }

    [Theory]
    [InlineData("""{"num_epochs": "many"}""")]
    [InlineData("""{"num_epochs": 2.5}""")]
    public void Should_refuse_anything_else(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrainingHyperparameters>(json, Json));
    }
}
