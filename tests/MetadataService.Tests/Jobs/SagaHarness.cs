using AdapterPipeline.Domain.Validation;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.EventStore;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.Outbox;
using AdapterPipeline.MetadataService.TrainingData;
using AdapterPipeline.MetadataService.Usage;
using AdapterPipeline.ServiceDefaults.Health;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

/// <summary>
/// The training-job saga and its Marten repository on MassTransit's test harness (in-memory transport), with the
/// real PostgreSQL and S3 behind the activities.
/// </summary>
public sealed class SagaHarness : IAsyncLifetime
{
    private IHost host = null!;

    public IsolatedInfrastructure Infrastructure { get; } = new();

    public ITestHarness Harness => host.Services.GetRequiredService<ITestHarness>();

    public ISagaStateMachineTestHarness<TrainingJobStateMachine, TrainingJob> Saga =>
        Harness.GetSagaStateMachineHarness<TrainingJobStateMachine, TrainingJob>();

    public IServiceProvider Services => host.Services;

    public async Task InitializeAsync()
    {
        await Infrastructure.InitializeAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(Infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Adapters:SettingsCheckTimeout"] = "00:00:01",
        });
        builder.AddPostgres();
        builder.AddS3Storage();
        builder.AddTrainingDataRules();
        builder.AddAvatarEventStore(o => o.AddTrainingDataProjections().AddAdapterProjections().AddJobDocuments().AddOutboxDocuments());
        builder.Services.AddAvatarServices().AddTrainingDataServices().AddAdapterServices().AddUsageServices(builder.Configuration);
        builder.AddJobServices();
        builder.AddOutbox();
        builder.Services.AddMassTransitTestHarness(x => x.AddTrainingDataConsumers().AddAdapterConsumers().AddJobConsumers());
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        await Infrastructure.DisposeAsync();
    }
}
