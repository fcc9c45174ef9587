using Bankflow.Functions.Http;
using Bankflow.Functions.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The isolated worker: the Functions host (LocalHost locally) starts this process and drives it over gRPC.
// HTTP functions run on ASP.NET Core integration: the host forwards each request to the worker's own Kestrel,
// so the handlers keep working with HttpContext, IResult and problem+json.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Inside the ASP.NET Core integration's middleware: an unhandled exception in an HTTP function becomes the
// same 500 problem+json the custom handler's UseExceptionHandler answered with.
builder.UseMiddleware<HttpExceptionMiddleware>();
builder.Services.AddBankflowFunctions(builder.Configuration);

using var host = builder.Build();
if (host.Services.GetRequiredService<IConfiguration>().GetValue<bool>("Bankflow:EnsureStorage"))
{
    // Local runs create their containers, tables and queues; in Azure the Bicep templates do.
    await host.Services.GetRequiredService<BankflowStorage>().EnsureCreatedAsync(CancellationToken.None);
}
await host.RunAsync();
