using AdapterPipeline.TestSupport;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

/// <summary>The bytes reached S3 but could not be recorded: the upload leaves no object behind.</summary>
public sealed class When_the_metadata_service_does_not_answer(IsolatedInfrastructure infrastructure)
    : IClassFixture<IsolatedInfrastructure>, IAsyncLifetime
{
    private IngressServer ingress = null!;
    private Avatar avatar = null!;

    public Task InitializeAsync()
    {
        ingress = new IngressServer(infrastructure, new Dictionary<string, string?> { ["TrainingData:MetadataRequestTimeout"] = "00:00:02" });
        ingress.StartServer();
        avatar = new Avatar(ingress.CreateClient(), infrastructure.CreateObjectStore());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await ingress.DisposeAsync();

    [Fact]
    public async Task Should_answer_504_and_remove_the_uploaded_object()
    {
        using var response = await avatar.UploadAsync(Avatar.Files(("a.txt", "written, never recorded")));

        await Avatar.ProblemAsync(response, 504);
        Assert.Empty(await avatar.KeysAsync());
    }
}
