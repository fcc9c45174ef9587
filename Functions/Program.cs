using System.Globalization;
using System.Net;
using Bankflow.Functions.Infrastructure;

// The custom handler: the Functions host starts this process with FUNCTIONS_CUSTOMHANDLER_PORT and calls
// it on 127.0.0.1. Non-HTTP triggers arrive as POST /{FunctionName}; HTTP triggers are forwarded as is.
var builder = WebApplication.CreateBuilder(args);
var portText = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT")
               ?? Environment.GetEnvironmentVariable("FUNCTIONS_HTTPWORKER_PORT")
               ?? throw new InvalidOperationException("FUNCTIONS_CUSTOMHANDLER_PORT is not set: the Functions host (or ./bankflow run) starts this process");
var port = int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, port);
    // Blob content arrives base64 inside the invocation JSON: allow the intake limit plus a third.
    kestrel.Limits.MaxRequestBodySize = 160L * 1024 * 1024;
});
builder.Services.AddBankflowFunctions(builder.Configuration);

var app = builder.Build();
if (app.Configuration.GetValue<bool>("Bankflow:EnsureStorage"))
{
    // Local runs create their containers and tables; in Azure the Bicep templates do.
    await app.Services.GetRequiredService<BankflowStorage>().EnsureCreatedAsync(CancellationToken.None);
}
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapBankflowFunctions();
await app.RunAsync();
