using AdapterPipeline.PackagingWorker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddPackagingWorker();
builder.Build().Run();
