using AdapterPipeline.WebhookService;

var builder = Host.CreateApplicationBuilder(args);
builder.AddWebhookService();
builder.Build().Run();
