using AdapterPipeline.LanguageModels.BaseModels;
using AdapterPipeline.TrainingWorker.Compute;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

/// <summary>A trainer over a private model cache, with helpers for throwaway files and output folders.</summary>
internal sealed class TrainerFixture : IDisposable
{
    public const string Corpus =
        "The cat sat on the mat and looked at the hat. The dog ran to the log and sat in the fog. ";

    private readonly string root = Directory.CreateTempSubdirectory("training-tests-").FullName;

    public TrainerFixture()
    {
        Registry = new BaseModelRegistry(Options.Create(new BaseModelOptions { ModelCacheDirectory = Path.Combine(root, "models") }));
        Trainer = new AdapterTrainer(Registry, new TrainingDevice(), new TrainingThroughput(), NullLogger<AdapterTrainer>.Instance);
    }

    public BaseModelRegistry Registry { get; }

    public AdapterTrainer Trainer { get; }

    public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(root, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public TrainingFile File(string name, string content)
    {
        var path = Path.Combine(NewDirectory("data"), name);
        System.IO.File.WriteAllText(path, content);
        return TrainingFile.FromPath(path);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

/// <summary>Collects reports on the training thread itself, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
internal sealed class RecordingProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
