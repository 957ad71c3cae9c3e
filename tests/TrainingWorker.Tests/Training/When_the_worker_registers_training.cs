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
    public void Should_resolve_the_trainer_with_base_models_from_configuration()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Training:ModelCacheDirectory"] = Path.GetTempPath(),
            ["Training:BaseModels:qwen2-0.5b:Architecture"] = "Llama",
            ["Training:BaseModels:local-gpt2:Path"] = "/models/gpt2",
        });
        builder.AddS3Storage();
        builder.Services.AddSingleton<TrainingDevice>();
        builder.AddLoraTraining();
        using var host = builder.Build();

        var trainer = host.Services.GetRequiredService<IAdapterTrainer>();
        var registry = host.Services.GetRequiredService<BaseModelRegistry>();

        Assert.Equal(["local-gpt2", "qwen2-0.5b", "tiny-gpt2", "tiny-llama"], registry.Names.Order().ToArray());
        Assert.Empty(trainer.Validate(new TrainingRequest { BaseModel = "qwen2-0.5b", TargetModules = ["o_proj"] }));
        Assert.Equal(["target_modules"], trainer.Validate(new TrainingRequest { BaseModel = "qwen2-0.5b", TargetModules = ["c_fc"] }).Keys.ToArray());
    }
}
