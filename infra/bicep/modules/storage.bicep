// The one storage account: the Functions host's own state (AzureWebJobsStorage: host locks,
// keys, the blob-trigger queue and its poison queue), Bankflow's blobs and tables, and the Flex
// deployment package. Shared keys are off: everything signs in with Entra ID (rbac.bicep).
//
// The container, table and queue names below are the ones in
// Functions/Infrastructure/StorageNames.cs; tests/Infra.Tests/BicepConsistencyTests.cs (which
// reads the compiled template) fails when the two drift apart.

@description('Azure region of the storage account.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the storage account (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Replication. ZRS keeps the bank files in three zones of the region.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string

@description('Container that Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Days each archived file stays write-protected (container-level WORM policy on "archive", created unlocked). 0 = no policy.')
@minValue(0)
@maxValue(146000)
param archiveImmutabilityDays int

@description('Days deleted blobs, containers and blob versions can be restored.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int = 30

// Where bank files arrive: inbox/{clientId}/{channel}/{name}. The Event Grid subscription
// (eventgrid.bicep) filters on this container.
var inboxContainerName = 'inbox'

// The immutable raw copy of every file received; declared on its own below because it carries the
// immutability policy.
var archiveContainerName = 'archive'

// Files refused, with their reason; and payment files for the banks.
var workContainerNames = [
  'quarantine'
  'outbox'
]

// Events Event Grid could not deliver to the app after all retries (eventgrid.bicep dead-letters
// here, so a BlobCreated event is never silently dropped).
var eventGridDeadLetterContainerName = 'eventgrid-deadletter'

var tableNames = [
  'FileImports'
  'Notifications'
  'BankEntries'
  'Shipments'
  'Statements'
  'StatementBalances'
  'Agreements'
  'PaymentBatches'
  'Payments'
  'PaymentEndToEndIds'
  'SbankenOnboarding'
  'SbankenAgreements'
  'SbankenDaysRead'
  'IdempotencyKeys'
  'DnbOrders'
  'OpenItems'
  'Matches'
  'ReconciliationOutcomes'
  'ReconciliationRuns'
  // Collection (issue 14)
  'CollectionClients'
  'CollectionCases'
  'CollectionSettlements'
  'CollectionUpdates'
  'CollectionClientKeys'
  'AgencySignatures'
]

// The host creates its own queues (azure-webjobs-blobtrigger-{hostId}) on first use; the poison
// queue is declared so the BlobPoison function's queue trigger has something to listen to from the
// first start, before any blob has failed.
var queueNames = [
  'webjobs-blobtrigger-poison'
  'sbanken-fetch'
  'reconcile-requests'
]

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    // Identity only: no account keys, no SAS signed with them, no connection strings.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    // "Nothing is deleted": an overwrite keeps the old bytes as a version, a delete is soft.
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
      allowPermanentDelete: false
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

resource inboxContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: inboxContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource archiveContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: archiveContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Time-based retention on the archive. The app writes archive blobs create-only (one Put Blob with
// If-None-Match: *), which a WORM policy allows; overwrite and delete are refused until the period
// ends. Created UNLOCKED on purpose: an unlocked policy can still be removed (test environments,
// teardown); lock it by hand once the retention period is agreed (see README). After locking, the
// period may only grow, so keep archiveImmutabilityDays in step or set it to 0 to leave the policy
// alone.
resource archiveImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = if (archiveImmutabilityDays > 0) {
  parent: archiveContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: archiveImmutabilityDays
    allowProtectedAppendWrites: false
  }
}

resource workContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in workContainerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource eventGridDeadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: eventGridDeadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Versioning keeps every overwrite, which is the point for bank data but not for the platform's own
// blobs: each publish overwrites the package zip (the isolated worker's build output) and the host
// rewrites its key and status blobs. Old versions of those go after 30 days; bank containers are not
// touched.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storageAccount
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-old-versions-of-platform-blobs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${deploymentContainerName}/'
                'azure-webjobs-hosts/'
                'azure-webjobs-secrets/'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 30
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storageAccount
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

output name string = storageAccount.name
output primaryBlobEndpoint string = storageAccount.properties.primaryEndpoints.blob
output inboxContainerName string = inboxContainer.name
output eventGridDeadLetterContainerName string = eventGridDeadLetterContainer.name
output deploymentContainerName string = deploymentContainer.name
