// Bankflow on Azure: a Functions app (.NET 10 isolated worker) on Flex Consumption, its storage
// account (shared keys off), Service Bus topic "bank-events", Key Vault, Application Insights, one
// user-assigned managed identity with its role assignments, and, in a second step, the Event Grid
// subscription that feeds the blob trigger. How to deploy: README.md beside this file.
//
// Scope: a resource group. Everything Bankflow needs lives in one group, so the deployer needs
// rights on that group only (Contributor plus Role Based Access Control Administrator, for the role
// assignments), not on the subscription; the group can be created beforehand under the bank's own
// naming and policy rules; and `az group delete` removes an environment whole.
targetScope = 'resourceGroup'

@description('Name of the environment (dev, test, prod, …); goes into the resource token and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for every resource. Check that it offers Flex Consumption with the dotnet-isolated 10.0 runtime (README).')
param location string = 'norwayeast'

@description('Suffix that makes the global names unique; stable for a given subscription, group, environment and region.')
@minLength(3)
param resourceToken string = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))

@description('Memory of each Flex instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper limit on Flex instances; the lowest the platform accepts is a safe cost cap for a back office.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('Days each archived bank file is write-protected (WORM, created unlocked). 0 = no policy. Agree the figure with accounting before locking it.')
@minValue(0)
@maxValue(146000)
param archiveImmutabilityDays int = 2190

@description('Largest bank file accepted, in bytes (Bankflow__Intake__MaxFileBytes). The worker reads the blob itself, but a format read whole still holds the file in memory: keep it well below instance memory.')
@minValue(1)
param maxFileBytes int = 26214400

@description('Largest file of a format whose reader needs the whole file in memory (Nets OCR giro, AvtaleGiro), in bytes (Bankflow__Intake__MaxBufferedFileBytes); camt and pain are streamed and have no such limit.')
@minValue(1)
param maxBufferedFileBytes int = 26214400

@description('Key that client tokens are signed with: base64 of at least 32 random bytes (`openssl rand -base64 32`). Required on the first deployment; empty later keeps the stored secret.')
@secure()
param clientTokenSigningKey string = ''

@description('Sbanken identity server base URL.')
param sbankenAuthBaseUrl string = 'https://auth.sbanken.no/'

@description('Sbanken data API base URL.')
param sbankenApiBaseUrl string = 'https://publicapi.sbanken.no/apibeta/'

@description('Sbanken API client id from the partner agreement; empty leaves the Sbanken functions unconfigured.')
param sbankenClientId string = ''

@description('Sbanken API client secret, stored in Key Vault. Empty later keeps the stored secret.')
@secure()
param sbankenClientSecret string = ''

@description('DNB ordering wizard (bestillingsveileder) URL from the ERP vendor agreement with DNB; empty leaves the DNB order functions unconfigured (503).')
param dnbWizardUrl string = ''

@description('Secret DNB signs its agreement callbacks with (HMAC-SHA256, at least 32 characters), stored in Key Vault. Empty later keeps the stored secret.')
@secure()
param dnbCallbackSecret string = ''

@description('Secret the Modhi collection agency signs its calls to /api/agency/* with (HMAC-SHA256, at least 32 characters), stored in Key Vault. Empty later keeps the stored secret.')
@secure()
param modhiAgencySecret string = ''

@description('Bankflow\'s customer unit id at Nets (kundeenhetsid, 8 digits): OCR giro files addressed to another data recipient are quarantined. Required: the app does not start without it.')
@minLength(8)
@maxLength(8)
param netsDataRecipient string

@description('Key Vault purge protection (irreversible once on). Leave on outside throw-away environments.')
param keyVaultPurgeProtection bool = true

@description('Step two: create the Event Grid subscription for the blob trigger. Only after the app has been published and has started once (README).')
param deployEventGridSubscription bool = false

@description('Step two, optional: the host\'s blobs_extension system key, fetched by hand. Empty = read it with listKeys on the app\'s host/default (modules/hostkeys.bicep).')
@secure()
param blobsExtensionKey string = ''

var abbrs = loadJsonContent('abbreviations.json')

var tags = {
  'azd-env-name': environmentName
  application: 'bankflow'
}

var names = {
  identity: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  // Storage account names allow neither dashes nor more than 24 characters, and need at least 3.
  // padLeft keeps one character of the token even when it was all dashes, so the name cannot come
  // out as the bare two-letter prefix (the compiler checks it against the module's @minLength(3)).
  storage: take(toLower('${abbrs.storageStorageAccounts}${padLeft(replace(resourceToken, '-', ''), 1, '0')}'), 24)
  serviceBus: '${abbrs.serviceBusNamespaces}${resourceToken}'
  keyVault: take('${abbrs.keyVaultVaults}${resourceToken}', 24)
  plan: '${abbrs.webServerFarms}${resourceToken}'
  functionApp: '${abbrs.webSitesFunctions}${resourceToken}'
  systemTopic: '${abbrs.eventGridSystemTopics}${resourceToken}'
}

// Flex Consumption deploys the app from a zip in this container.
var deploymentContainerName = 'app-package'

// Name of the blob-triggered function ([Function("ImportBankFile")], BlobTrigger with
// Source = EventGrid); the webhook calls it as Host.Functions.ImportBankFile.
var blobTriggerFunctionName = 'ImportBankFile'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    storageAccountName: names.storage
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    archiveImmutabilityDays: archiveImmutabilityDays
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    tags: tags
    namespaceName: names.serviceBus
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    keyVaultName: names.keyVault
    clientTokenSigningKey: clientTokenSigningKey
    sbankenClientSecret: sbankenClientSecret
    dnbCallbackSecret: dnbCallbackSecret
    modhiAgencySecret: modhiAgencySecret
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: appIdentity.properties.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    bankEventsTopicName: serviceBus.outputs.bankEventsTopicName
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The identity must hold its roles before the host first reads the deployment package, storage,
  // Key Vault and Service Bus.
  dependsOn: [
    rbac
  ]
  params: {
    location: location
    tags: tags
    functionAppName: names.functionApp
    planName: names.plan
    identityId: appIdentity.id
    identityClientId: appIdentity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: '${storage.outputs.primaryBlobEndpoint}${storage.outputs.deploymentContainerName}'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    clientTokenSigningKeySecretUri: keyVault.outputs.clientTokenSigningKeySecretUri
    dataProtectionKeyUri: keyVault.outputs.dataProtectionKeyUri
    maxFileBytes: maxFileBytes
    maxBufferedFileBytes: maxBufferedFileBytes
    sbankenAuthBaseUrl: sbankenAuthBaseUrl
    sbankenApiBaseUrl: sbankenApiBaseUrl
    sbankenClientId: sbankenClientId
    sbankenClientSecretUri: keyVault.outputs.sbankenClientSecretUri
    dnbWizardUrl: dnbWizardUrl
    dnbCallbackSecretUri: keyVault.outputs.dnbCallbackSecretUri
    modhiAgencySecretUri: keyVault.outputs.modhiAgencySecretUri
    netsDataRecipient: netsDataRecipient
  }
}

// Step two: the Event Grid subscription. Its webhook is the host's blob extension endpoint; Event
// Grid calls the function as "Host.Functions.{name}" and authenticates with the host's
// blobs_extension system key in `code`. The URL as a whole is therefore secret: it travels to the
// module as a @secure() parameter (not logged in the deployment history) and is write-only in Event
// Grid (reading the subscription back returns endpointBaseUrl, without the key).
var blobsWebhookUrlWithoutKey = 'https://${functionApp.outputs.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${blobTriggerFunctionName}&code='

// The key comes in one of two ways; at most one of the declarations below runs. Two declarations
// rather than one with `empty(blobsExtensionKey) ? listKeys(…) : blobsExtensionKey`: whether ARM
// evaluates list* functions in the branch of a condition that is not taken has varied over time,
// while a module whose condition is false is skipped whole (its template is not evaluated at all),
// so a key passed by hand does not depend on listKeys working (the escape hatch if listKeys on a
// Flex app's host misbehaves; not verified here).
//
// The lookup is a module of its own (hostkeys.bicep) because list* functions need a resource id
// known when the deployment starts: here the app's name is only a module output (error BCP181),
// inside the module it is a parameter. The key leaves that module as a @secure() output.
var readBlobsExtensionKey = deployEventGridSubscription && empty(blobsExtensionKey)

module hostKeys 'modules/hostkeys.bicep' = if (readBlobsExtensionKey) {
  name: 'hostkeys'
  params: {
    functionAppName: functionApp.outputs.name
  }
}

module eventGridListedKey 'modules/eventgrid.bicep' = if (readBlobsExtensionKey) {
  name: 'eventgrid-listed-key'
  params: {
    location: location
    tags: tags
    systemTopicName: names.systemTopic
    storageAccountName: storage.outputs.name
    inboxContainerName: storage.outputs.inboxContainerName
    deadLetterContainerName: storage.outputs.eventGridDeadLetterContainerName
    // `.?` because Bicep cannot see that hostKeys runs under this module's own condition, so it has
    // always run when this module does (`!` is not allowed on a secure output).
    webhookUrl: '${blobsWebhookUrlWithoutKey}${hostKeys.?outputs.blobsExtensionKey}'
  }
}

module eventGridGivenKey 'modules/eventgrid.bicep' = if (deployEventGridSubscription && !empty(blobsExtensionKey)) {
  name: 'eventgrid-given-key'
  params: {
    location: location
    tags: tags
    systemTopicName: names.systemTopic
    storageAccountName: storage.outputs.name
    inboxContainerName: storage.outputs.inboxContainerName
    deadLetterContainerName: storage.outputs.eventGridDeadLetterContainerName
    webhookUrl: '${blobsWebhookUrlWithoutKey}${blobsExtensionKey}'
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_HOST_NAME string = functionApp.outputs.defaultHostName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = appIdentity.properties.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
output AZURE_SERVICE_BUS_TOPIC string = serviceBus.outputs.bankEventsTopicName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
// Names only, not module outputs: reading outputs of a module that did not run is an error.
output AZURE_EVENT_GRID_SYSTEM_TOPIC string = deployEventGridSubscription ? names.systemTopic : ''
