using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService;
using AdapterPipeline.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.Ingress.Tests.TrainingData;

/// <summary>Durable queues: commands published while the metadata service is down are applied once it is back.</summary>
public sealed class When_the_metadata_service_restarts_with_commands_queued(IsolatedInfrastructure infrastructure)
    : IClassFixture<IsolatedInfrastructure>, IAsyncLifetime
{
    private IHost metadata = null!;
    private IngressServer ingress = null!;
    private Avatar avatar = null!;
    private readonly List<string> names = Enumerable.Range(0, 20).Select(i => $"f{i:D2}.txt").ToList();

    public async Task InitializeAsync()
    {
        metadata = await ServiceHost.StartAsync(infrastructure, b => b.AddMetadataService(), TrainingDataSystem.Limits);
        ingress = new IngressServer(infrastructure, TrainingDataSystem.Limits);
        ingress.StartServer();
        avatar = new Avatar(ingress.CreateClient(), infrastructure.CreateObjectStore());
        await avatar.UploadOkAsync(names.Select(n => (n, n)).ToArray());
    }

    public async Task DisposeAsync()
    {
        await ingress.DisposeAsync();
        await metadata.StopAsync();
        metadata.Dispose();
    }

    [Fact]
    public async Task Should_apply_every_command_after_the_restart()
    {
        await metadata.StopAsync();
        metadata.Dispose();
        var bus = ingress.Services.GetRequiredService<IBus>();
        foreach (var name in names)
        {
            await bus.Publish(new SetTrainingFlag(avatar.UserId, avatar.AvatarId, name, false));
        }
        await Task.Delay(500);
        Assert.All((await avatar.MetadataJsonInS3Async())!.Values, Assert.True);

        metadata = await ServiceHost.StartAsync(infrastructure, b => b.AddMetadataService(), TrainingDataSystem.Limits);

        await Eventually.True(async () => !(await avatar.MetadataJsonInS3Async())!.Values.Any(v => v), TimeSpan.FromSeconds(30),
            "the queued commands applied after the restart");
        Assert.Equal(names.ToDictionary(n => n, _ => false), await avatar.MetadataAsync());
    }
}
