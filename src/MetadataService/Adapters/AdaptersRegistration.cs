using AdapterPipeline.MetadataService.Adapters.Consumers;
using AdapterPipeline.MetadataService.Jobs;
using AdapterPipeline.MetadataService.Jobs.Persistence;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Marten.Exceptions;
using Marten.Schema.Identity;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace AdapterPipeline.MetadataService.Adapters;

public static class AdaptersRegistration
{
    public static StoreOptions AddAdapterDocuments(this StoreOptions options)
    {
        options.Projections.Snapshot<AvatarAdapter>(SnapshotLifecycle.Inline);
        options.Schema.For<TrainingJob>()
            .Identity(j => j.CorrelationId)
            .IdStrategy(new NoOpIdGeneration())
            .UseOptimisticConcurrency(true)
            .Index(j => j.CurrentState);
        return options;
    }

    public static IHostApplicationBuilder AddAdapterServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdapterOptions>().BindConfiguration(AdapterOptions.Section);
        builder.Services.AddSingleton<AdapterPointer>();
        builder.Services.AddScoped<WebhookUrlCheck>();
        builder.Services.AddSingleton<AvatarAdapterWriter>();
        builder.Services.AddScoped<JobSubmission>();
        builder.Services.AddScoped<TrainingSettingsCheck>();
        builder.Services.AddScoped<AssignVersionActivity>();
        builder.Services.AddScoped<RecordVersionActivity>();
        builder.Services.AddScoped<FinishJobActivity>();
        builder.Services.AddScoped<DiscardArtifactsActivity>();
        builder.Services.AddHostedService<JobWatchdog>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddAdapterConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<TrainAdapterConsumer>(Retry);
        x.AddConsumer<CreateAdapterConsumer>(Retry);
        x.AddConsumer<DeleteAdapterConsumer>(Retry);
        x.AddConsumer<RestoreAdapterVersionConsumer>(Retry);
        x.AddConsumer<AdapterQueriesConsumer>(Retry);
        x.AddConsumer<JobQueriesConsumer>(Retry);
        x.AddRequestClient<Contracts.Training.ValidateTrainingSettings>();
        x.AddRequestClient<Contracts.Webhooks.CheckWebhookUrl>();
        x.AddSagaStateMachine<TrainingJobStateMachine, TrainingJob>((context, saga) =>
            {
                // Two messages for one job at once: the second save fails its version check and is retried on fresh state.
                saga.UseMessageRetry(r =>
                {
                    r.Handle<JasperFx.ConcurrencyException>();
                    r.Handle<DocumentAlreadyExistsException>();
                    r.Intervals(50, 100, 250, 500, 1000, 2000, 5000);
                });
                // Messages the saga publishes leave only once its state is saved.
                saga.UseInMemoryOutbox(context);
            })
            .Repository(r =>
            {
                r.RegisterLoadSagaRepository<TrainingJob, MartenSagaRepositoryContextFactory<TrainingJob>>();
                r.RegisterQuerySagaRepository<TrainingJob, MartenSagaRepositoryContextFactory<TrainingJob>>();
                r.RegisterSagaRepository<TrainingJob, IDocumentSession,
                    SagaConsumeContextFactory<IDocumentSession, TrainingJob>, MartenSagaRepositoryContextFactory<TrainingJob>>();
            });
        return x;
    }

    private static void Retry<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer) where T : class =>
        consumer.UseMessageRetry(r =>
        {
            r.Ignore<AdapterRejection>();
            r.Intervals(100, 500, 1000, 2000);
        });
}
