using System.IO.Compression;
using System.Runtime.InteropServices;
using AdapterPipeline.LanguageModels.Safetensors;

namespace AdapterPipeline.SystemTests.Adapters;

/// <summary>
/// init_from_version end to end: the worker fetches that version's ZIP from S3 and trains on from its weights. A
/// learning rate so small that AdamW's steps vanish in fp32 makes the result the starting point, so the continued
/// version carries the first version's weights, and a fresh run the untrained ones (lora_B zero).
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class When_training_continues_from_a_version(Pipeline pipeline)
{
    private readonly AvatarClient avatar = new(pipeline.Http);

    [Fact]
    public async Task Should_start_from_the_stored_weights_of_that_version()
    {
        await avatar.UploadCorpusAsync();
        await SucceedAsync(AvatarClient.Quick(epochs: 2), version: 1);
        var first = await CurrentWeightsAsync();

        var missing = await AvatarClient.ProblemAsync(await avatar.TrainAsync(Still(initFromVersion: 9)), System.Net.HttpStatusCode.UnprocessableEntity);
        Assert.True(missing.TryGetProperty("init_from_version", out _), missing.GetRawText());
        await SucceedAsync(Still(initFromVersion: 1), version: 2);
        var continued = await CurrentWeightsAsync();
        await SucceedAsync(Still(initFromVersion: null), version: 3);
        var fresh = await CurrentWeightsAsync();

        var trainedB = first.Where(t => t.Key.Contains("lora_B")).Max(t => t.Value.Max(Math.Abs));
        Assert.True(trainedB > 1e-4, $"the first version's lora_B barely moved ({trainedB})");
        Assert.Equal(first.Keys.Order(), continued.Keys.Order());
        var drift = first.Max(t => t.Value.Zip(continued[t.Key], (a, b) => Math.Abs(a - b)).Max());
        Assert.True(drift < 1e-6, $"the continued version differs from the one it started from by up to {drift}");
        Assert.All(fresh.Where(t => t.Key.Contains("lora_B")), t => Assert.All(t.Value, v => Assert.True(Math.Abs(v) < 1e-9)));
    }

    private static object Still(int? initFromVersion) => new
    {
        num_epochs = 1,
        batch_size = 2,
        max_seq_length = 32,
        learning_rate = 1e-12,
        base_model = "tiny-llama",
        init_from_version = initFromVersion,
    };

    private async Task SucceedAsync(object body, int version)
    {
        var job = await avatar.WaitForEndAsync(await avatar.StartJobAsync(body));
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(version, job.GetProperty("version").GetInt32());
    }

    private async Task<Dictionary<string, float[]>> CurrentWeightsAsync()
    {
        using var response = await pipeline.Http.GetAsync(avatar.Adapters);
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var weights = new MemoryStream();
        await using (var entry = zip.GetEntry("adapter_model.safetensors")!.Open())
        {
            await entry.CopyToAsync(weights);
        }
        weights.Position = 0;
        return SafetensorsReader.Read(weights).Tensors.ToDictionary(t => t.Key, t =>
        {
            Assert.Equal(SafetensorsDType.F32, t.Value.DType);
            return MemoryMarshal.Cast<byte, float>(t.Value.Data).ToArray();
        });
    }
}
