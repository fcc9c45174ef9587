using Bankflow.Domain.Access;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Endpoints.Agreements;
using Bankflow.Functions.Endpoints.BlobPoison;
using Bankflow.Functions.Endpoints.Health;
using Bankflow.Functions.Endpoints.ImportBankFile;
using Bankflow.Functions.Endpoints.Notifications;
using Bankflow.Functions.Endpoints.PaymentBatches;
using Bankflow.Functions.Endpoints.SbankenAccounts;
using Bankflow.Functions.Endpoints.SbankenCallback;
using Bankflow.Functions.Endpoints.SbankenComplete;
using Bankflow.Functions.Endpoints.SbankenFetchAccount;
using Bankflow.Functions.Endpoints.SbankenMorningFetch;
using Bankflow.Functions.Endpoints.SbankenStart;
using Bankflow.Functions.Endpoints.UploadBankFile;
using Bankflow.Functions.Importers;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Infrastructure;

/// <summary>The app's services and its function endpoints, in one obvious place.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddBankflowFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddBankflowStorage(configuration);

        var intake = new IntakeOptions();
        configuration.GetSection("Bankflow:Intake").Bind(intake);
        services.AddSingleton(intake);

        services.AddSingleton(sp => new ClientTokenService(SigningKey(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ClientAuthorization>();

        services.AddSingleton<FileImportStore>();
        services.AddSingleton<RawFileStore>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<ImportBankFileUseCase>();
        services.AddSingleton<RetryImportUseCase>();

        // Bank files: one importer per format, picked by the detected format.
        services.AddSingleton<BankEntryStore>();
        services.AddSingleton<StatementStore>();
        services.AddSingleton<ShipmentStore>();
        services.AddSingleton<IBankFileImporter, NetsImporter>();
        services.AddSingleton<IBankFileImporter, CamtImporter>();

        // Remittance: agreements, payment batches, outbox, pain.002 status reports.
        services.AddSingleton<AgreementStore>();
        services.AddSingleton<AgreementSettings>();
        services.AddSingleton<PaymentBatchStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<PaymentBatchService>();
        services.AddSingleton<PaymentStatusUpdater>();
        services.AddSingleton<IBankFileImporter, Pain002Importer>();

        // Sbanken (issue 7)
        services.AddSbanken(configuration);
        return services;
    }

    public static void MapBankflowFunctions(this IEndpointRouteBuilder app)
    {
        // The host's readiness probe: any answer means "started".
        app.MapGet("/", () => Results.Ok(new { service = "bankflow-functions" }));

        ImportBankFileFunction.Map(app);
        BlobPoisonFunction.Map(app);
        UploadBankFileFunction.Map(app);
        NotificationsFunction.Map(app);
        HealthFunction.Map(app);
        AgreementsFunction.Map(app);
        PaymentBatchesFunction.Map(app);

        // Sbanken (issue 7)
        SbankenStartFunction.Map(app);
        SbankenCallbackFunction.Map(app);
        SbankenAccountsFunction.Map(app);
        SbankenCompleteFunction.Map(app);
        SbankenMorningFetchFunction.Map(app);
        SbankenFetchAccountFunction.Map(app);
    }

    /// <summary>
    /// The key that client tokens are signed with: base64, ≥ 32 bytes, from app settings (a Key Vault
    /// reference in Azure; LocalHost generates one per run). Never logged.
    /// </summary>
    private static byte[] SigningKey(IConfiguration configuration)
    {
        var text = configuration["Bankflow:ClientTokenSigningKey"];
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException("Bankflow:ClientTokenSigningKey is not configured (base64, at least 32 bytes)");
        }
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Bankflow:ClientTokenSigningKey is not valid base64");
        }
    }
}
