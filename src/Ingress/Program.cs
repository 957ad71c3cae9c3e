using AdapterPipeline.Ingress;

var builder = WebApplication.CreateBuilder(args);
builder.AddIngress();

var app = builder.Build();
app.UseIngress();
app.Run();
