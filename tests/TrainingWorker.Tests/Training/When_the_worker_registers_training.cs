using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.ServiceDefaults.Storage;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public class When_the_worker_registers_training
{
    [Fact]
    public async Task Should_resolve_the_trainer_with_base_models_from_configuration()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Training:ModelCacheDirectory"] = Directory.CreateTempSubdirectory("registered-").FullName,
            ["Training:BaseModels:qwen2-0.5b:Architecture"] = "Llama",
            // No S3 server there: the model cannot be described, so requests are checked against the configured architecture.
            ["S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Training:BaseModels:local-gpt2:Path"] = "/models/gpt2",
        });
        builder.AddS3Storage();
        builder.Services.AddSingleton<TrainingDevice>();
        builder.AddLoraTraining();
        using var host = builder.Build();

        var trainer = host.Services.GetRequiredService<IAdapterTrainer>();
        var registry = host.Services.GetRequiredService<BaseModelRegistry>();

        Assert.Equal(["local-gpt2", "qwen2-0.5b", "tiny-gpt2", "tiny-llama"], registry.Names.Order().ToArray());
        Assert.Empty(await trainer.ValidateAsync(new TrainingRequest { BaseModel = "qwen2-0.5b", TargetModules = ["o_proj"] }, CancellationToken.None));
        Assert.Equal(["target_modules"], (await trainer.ValidateAsync(new TrainingRequest { BaseModel = "qwen2-0.5b", TargetModules = ["c_fc"] }, CancellationToken.None)).Keys.ToArray());
    }
}
