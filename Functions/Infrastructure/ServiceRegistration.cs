using Bankflow.Domain.Access;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Collection;
using Bankflow.Functions.Dnb;
using Bankflow.Functions.Events;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Http;
using Bankflow.Functions.Importers;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Infrastructure;

/// <summary>The app's services, in one obvious place (the functions themselves are found by their [Function] attributes).</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddBankflowFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        services.AddBankflowHttpLimits(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddBankflowStorage(configuration);

        var intake = new IntakeOptions();
        configuration.GetSection("Bankflow:Intake").Bind(intake);
        services.AddSingleton(intake);

        services.AddSingleton(sp => new ClientTokenService(SigningKey(configuration), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ClientAuthorization>();
        services.AddIdempotency(configuration);

        services.AddSingleton<FileImportStore>();
        services.AddSingleton<RawFileStore>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<ImportBankFileUseCase>();
        services.AddSingleton<RetryImportUseCase>();

        // Bank files: one importer per format, picked by the detected format.
        services.AddSingleton<BankEntryStore>();
        services.AddSingleton<StatementStore>();
        services.AddSingleton<ShipmentStore>();
        // Checked here, at startup: a missing Nets data recipient must stop the app, not quarantine every OCR file.
        services.AddSingleton(NetsOptions.From(configuration));
        services.AddSingleton<IBankFileImporter, NetsImporter>();
        services.AddSingleton<IBankFileImporter, CamtImporter>();
        services.AddSingleton<IBankFileImporter, Pain001Importer>();

        // Remittance: agreements, payment batches, outbox, pain.002 status reports.
        services.AddSingleton<AgreementStore>();
        services.AddSingleton<AgreementSettings>();
        services.AddSingleton<PaymentBatchStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<PaymentBatchService>();
        services.AddSingleton<PaymentStatusUpdater>();
        services.AddSingleton<IBankFileImporter, Pain002Importer>();

        // Personal fields encrypted at rest (Sbanken's customer id): Key Vault key in Azure, a local key for Azurite.
        services.AddFieldProtection(configuration);

        // Sbanken (issue 7)
        services.AddSbanken(configuration);

        // DNB ordering and the agreement callback (issue 13)
        services.AddDnb(configuration);
        // Reconciliation (issue 12): open items, matches, the run behind reconcile-requests.
        services.AddReconciliation();
        // Debt collection (issue 14): registration, agency integrations, cases, the signed agency API.
        services.AddCollection(configuration);

        // Bank events out: Service Bus topic in Azure, an Azurite queue locally.
        services.AddBankEvents(configuration);
        return services;
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
