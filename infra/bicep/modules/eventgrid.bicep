// Step two of the deployment (main.bicep, deployEventGridSubscription = true): the Event Grid system
// topic of the storage account and the subscription that feeds ImportBankFile's blob trigger
// ("source": "EventGrid", the only blob-trigger source on Flex Consumption).
//
// Why a second step: the webhook is the host's blob extension endpoint, authorised by the
// `blobs_extension` system key, and that key exists only once the host has started with a
// blob-triggered function deployed. Event Grid also validates the endpoint when the subscription is
// created (the host answers the handshake), so the app must be published and running first.
//
// The webhook URL, key included, arrives as one secure parameter: main.bicep builds it from the
// app's host name and a key read by hostkeys.bicep or passed by hand (see main.bicep and the README).

@description('Azure region of the system topic (that of the storage account).')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the Event Grid system topic on the storage account.')
param systemTopicName string

@description('Name of the storage account that raises the BlobCreated events.')
param storageAccountName string

@description('Container watched for new bank files.')
param inboxContainerName string

@description('Container where events go that could not be delivered after all retries.')
param deadLetterContainerName string

@description('The host\'s blob webhook: https://{app host}/runtime/webhooks/blobs?functionName=Host.Functions.{function}&code={blobs_extension key}. Secret, because of the key.')
@secure()
param webhookUrl string

// Storage Blob Data Contributor, for the system topic's identity to write dead letters (shared keys
// are off on the account, so Event Grid must sign in like everyone else).
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storageAccount.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount::blobService::deadLetterContainer.id, systemTopic.id, storageBlobDataContributorRoleId)
  scope: storageAccount::blobService::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource inboxBlobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: systemTopic
  name: 'inbox-blob-created'
  dependsOn: [
    deadLetterWriter
  ]
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: webhookUrl
        // One event per request: each becomes one internal queue message and one invocation.
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      // Only arrivals in the inbox; archive, quarantine and outbox writes must not trigger imports.
      subjectBeginsWith: '/blobServices/default/containers/${inboxContainerName}/'
      isSubjectCaseSensitive: true
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    // After 24 h of failed delivery the event is kept as a blob, not dropped; replay it by posting
    // it to the same webhook (README: "Dead-lettered events").
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storageAccount.id
          blobContainerName: storageAccount::blobService::deadLetterContainer.name
        }
      }
    }
  }
}
