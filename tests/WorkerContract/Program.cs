using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// Start-up faults for LocalHost's tests: a worker that never connects, and one that exits at once.
if (Environment.GetEnvironmentVariable("CONTRACT_NEVER_CONNECT") == "1")
{
    await Task.Delay(Timeout.Infinite).ConfigureAwait(false);
}
if (Environment.GetEnvironmentVariable("CONTRACT_EXIT_AT_START") == "1")
{
    await Console.Error.WriteLineAsync("contract worker: told to exit at start").ConfigureAwait(false);
    return 7;
}

// The same shape as Bankflow.Functions: ASP.NET Core integration for HTTP functions.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
await builder.Build().RunAsync().ConfigureAwait(false);
return 0;
