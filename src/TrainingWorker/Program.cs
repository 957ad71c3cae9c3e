using AdapterPipeline.TrainingWorker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddTrainingWorker();
builder.Build().Run();
