// The Functions app on a Flex Consumption (FC1) plan, running Bankflow.Functions in the .NET 10
// isolated worker (ASP.NET Core integration for HTTP; no custom handler).
//
// Flex takes the language from functionAppConfig.runtime ({name: 'dotnet-isolated', version: '10.0'}),
// not from FUNCTIONS_WORKER_RUNTIME, and it rejects FUNCTIONS_EXTENSION_VERSION and
// WEBSITE_RUN_FROM_PACKAGE, so none of those appear below. The package (./bankflow publish: the
// worker's build output with its generated functions.metadata) comes from a blob container that the
// platform reads with the user-assigned identity.
//
// Every connection is identity-based: no connection string or key is stored anywhere.

@description('Azure region of the plan and the app.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the function app (globally unique: it becomes part of the host name).')
param functionAppName string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (AzureWebJobsStorage__clientId and friends).')
param identityClientId string

@description('Name of the storage account for AzureWebJobsStorage and Bankflow data.')
param storageAccountName string

@description('URL of the blob container Flex deploys the package from, e.g. https://st….blob.core.windows.net/app-package.')
param deploymentContainerUrl string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper limit on instances (Flex scales each non-HTTP function on its own instances).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Application Insights connection string (not a secret: ingestion needs Entra ID, local auth is off).')
param applicationInsightsConnectionString string

@description('Service Bus host name, e.g. sb-xyz.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Versionless Key Vault secret URI of the client-token signing key.')
param clientTokenSigningKeySecretUri string

@description('Versionless Key Vault key URI that wraps the data keys of personal fields (Bankflow:DataProtection:KeyVaultKeyId).')
param dataProtectionKeyUri string

@description('Sbanken identity server base URL (Bankflow:Sbanken:AuthBaseUrl).')
param sbankenAuthBaseUrl string

@description('Sbanken data API base URL (Bankflow:Sbanken:ApiBaseUrl).')
param sbankenApiBaseUrl string

@description('Sbanken API client id (Bankflow:Sbanken:ClientId); empty leaves the Sbanken functions unconfigured (they answer 503).')
param sbankenClientId string

@description('Key Vault URI of the Sbanken client secret (Bankflow:Sbanken:ClientSecret).')
param sbankenClientSecretUri string

@description('DNB ordering wizard URL (Bankflow:Dnb:WizardUrl); empty leaves the DNB order functions unconfigured (they answer 503).')
param dnbWizardUrl string

@description('Key Vault URI of the secret DNB signs its callbacks with (Bankflow:Dnb:CallbackSecret).')
param dnbCallbackSecretUri string

@description('Key Vault URI of the secret the Modhi collection agency signs its calls with (Bankflow:Collection:Agencies:modhi:Secret).')
param modhiAgencySecretUri string

@description('Bankflow\'s customer unit id at Nets, 8 digits (Bankflow:Nets:DataRecipient); required at startup.')
param netsDataRecipient string

@description('Largest bank file accepted, in bytes (Bankflow__Intake__MaxFileBytes).')
@minValue(1)
param maxFileBytes int

@description('Largest file of a format read whole (Nets OCR giro, AvtaleGiro), in bytes (Bankflow__Intake__MaxBufferedFileBytes).')
@minValue(1)
param maxBufferedFileBytes int

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references are resolved with this identity (the default would be a system-assigned
    // identity, which this app does not have).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        // The .NET isolated worker on .NET 10 (Flex stacks: runtime "dotnet-isolated", version "10.0",
        // SKU FC1). The worker runs Bankflow.Functions.dll; the host starts it from worker.config.json.
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// All app settings in one place (this resource replaces the whole set on every deployment).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Storage for the host, the worker's blob and queue bindings (Connection = "AzureWebJobsStorage")
    // and Bankflow's Azure SDK clients (StorageAccountSettings reads AzureWebJobsStorage__accountName
    // and __clientId): Entra ID with the user-assigned identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId

    // Bankflow:Events:Transport: events go out with ServiceBusSender on the topic "bank-events"
    // (locally the default is an Azurite queue).
    Bankflow__Events__Transport: 'ServiceBus'
    // The Service Bus client's connection, in the same identity-based shape as the bindings use.
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId

    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // Bankflow:ClientTokenSigningKey (ServiceRegistration.SigningKey), from Key Vault.
    Bankflow__ClientTokenSigningKey: '@Microsoft.KeyVault(SecretUri=${clientTokenSigningKeySecretUri})'
    // Bankflow:DataProtection:KeyVaultKeyId (FieldProtection): personal fields encrypted with a data key this
    // Key Vault key wraps; the identity (AzureWebJobsStorage__clientId) holds Key Vault Crypto User.
    Bankflow__DataProtection__KeyVaultKeyId: dataProtectionKeyUri
    // Bankflow:Intake:MaxFileBytes (IntakeOptions).
    Bankflow__Intake__MaxFileBytes: string(maxFileBytes)
    Bankflow__Intake__MaxBufferedFileBytes: string(maxBufferedFileBytes)
    // How long an import attempt's claim on a file holds unrenewed (ImportClaim): after a crashed instance, another takes over after this.
    Bankflow__Intake__ImportClaimDuration: '00:00:30'

    // Bankflow:Sbanken:* (SbankenOptions); the redirect is this app's own callback route.
    Bankflow__Sbanken__AuthBaseUrl: sbankenAuthBaseUrl
    Bankflow__Sbanken__ApiBaseUrl: sbankenApiBaseUrl
    Bankflow__Sbanken__ClientId: sbankenClientId
    Bankflow__Sbanken__ClientSecret: '@Microsoft.KeyVault(SecretUri=${sbankenClientSecretUri})'
    Bankflow__Sbanken__RedirectUri: 'https://${functionApp.properties.defaultHostName}/api/sbanken/callback'

    // Bankflow:Dnb:* (DnbOptions): the wizard the order links to; the callback (/api/dnb/callback) is signed with this secret.
    Bankflow__Dnb__WizardUrl: dnbWizardUrl
    Bankflow__Dnb__CallbackSecret: '@Microsoft.KeyVault(SecretUri=${dnbCallbackSecretUri})'

    // Bankflow:Collection:Agencies:{agencyId}:Secret (CollectionOptions): each agency signs its /api/agency/* calls with its secret.
    Bankflow__Collection__Agencies__modhi__Secret: '@Microsoft.KeyVault(SecretUri=${modhiAgencySecretUri})'

    // Bankflow:Nets:DataRecipient (NetsOptions): OCR giro files must be addressed to this customer unit id.
    Bankflow__Nets__DataRecipient: netsDataRecipient
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
