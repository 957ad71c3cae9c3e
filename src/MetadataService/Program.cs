using AdapterPipeline.MetadataService;

var builder = Host.CreateApplicationBuilder(args);
builder.AddMetadataService();
builder.Build().Run();
