using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Jobs.Consumers;
using AdapterPipeline.MetadataService.Jobs.Persistence;
using Marten;
using JasperFx;
using Marten.Schema.Identity;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace AdapterPipeline.MetadataService.Jobs;

public static class JobsRegistration
{
    /// <summary>The saga's documents, one per job, saved with optimistic concurrency.</summary>
    public static StoreOptions AddJobDocuments(this StoreOptions options)
    {
        options.Schema.For<TrainingJob>()
            .Identity(j => j.CorrelationId)
            .IdStrategy(new NoOpIdGeneration())
            .UseOptimisticConcurrency(true)
            .Index(j => j.CurrentState);
        return options;
    }

    public static IHostApplicationBuilder AddJobServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section);
        // A job's own webhook URL is checked by the webhook service, with the rules its subscriptions follow.
        builder.Services.AddScoped<WebhookUrlCheck>();
        builder.Services.AddScoped<JobSubmission>();
        builder.Services.AddScoped<TrainingSettingsCheck>();
        builder.Services.AddScoped<AssignVersionActivity>();
        builder.Services.AddScoped<RecordVersionActivity>();
        builder.Services.AddScoped<FinishJobActivity>();
        builder.Services.AddScoped<DanglingJobs>();
        builder.Services.AddHostedService<JobWatchdog>();
        return builder;
    }

    public static IBusRegistrationConfigurator AddJobConsumers(this IBusRegistrationConfigurator x)
    {
        x.AddConsumer<TrainAdapterConsumer>(RequestConsumers.Configure);
        x.AddConsumer<CreateAdapterConsumer>(RequestConsumers.Configure);
        x.AddConsumer<JobQueriesConsumer>(RequestConsumers.Configure);
        x.AddConsumer<AdapterDeletedConsumer>((_, c) => c.UseMessageRetry(TransientRetry.Configure));
        x.AddConsumer<DiscardJobArtifactsConsumer>((_, c) => c.UseMessageRetry(TransientRetry.Configure));
        x.AddRequestClient<Contracts.Training.ValidateTrainingSettings>();
        x.AddRequestClient<Contracts.Webhooks.CheckWebhookUrl>();
        x.AddSagaStateMachine<TrainingJobStateMachine, TrainingJob>((_, saga) =>
            {
                // Two messages for one job at once: the second save fails its version check and is retried on fresh
                // state. A passing fault is retried the same way, for longer (TransientRetry).
                saga.UseMessageRetry(r =>
                {
                    r.Handle<JasperFx.ConcurrencyException>();
                    r.Handle<DocumentAlreadyExistsException>();
                    TransientRetry.Configure(r);
                });
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
}
