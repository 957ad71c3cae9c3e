using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage;

public sealed class StorageKeysTests
{
    [Fact]
    public void Should_follow_the_seed_layout()
    {
        Assert.Equal("users/u1/avatars/a1/adapters/training_data/notes.txt", StorageKeys.TrainingFile("u1", "a1", "notes.txt"));
        Assert.Equal("users/u1/avatars/a1/adapters/metadata/metadata.json", StorageKeys.Metadata("u1", "a1"));
        Assert.Equal("users/u1/avatars/a1/adapters/persona/v3.zip", StorageKeys.AdapterVersion("u1", "a1", "persona", 3));
        Assert.Equal("models/tiny-llama/", StorageKeys.ModelPrefix("tiny-llama"));
    }
}
