// Service Bus namespace with the topic "bank-events" that the app publishes its events to (a
// ServiceBusSender; Bankflow__Events__Transport = ServiceBus), and one subscription per consumer.
// SAS keys are off: the app sends with its managed identity (rbac.bicep).
//
// Standard tier: Basic has no topics. Duplicate detection is on: each message's MessageId is the
// event id, so an event sent twice within the window (a retried import) reaches consumers once. The
// event id is also in the CloudEvents body, for consumers that dedupe over longer spans themselves.

@description('Azure region of the namespace.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the Service Bus namespace (6-50 characters, globally unique).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Consumers of bank events; each gets its own subscription on the topic.')
param subscriptionNames array = [
  'reconcile'
]

@description('How often a subscription retries a message before dead-lettering it.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int = 10

// Must equal the topic the app sends to (StorageNames.BankEventsTopic).
var bankEventsTopicName = 'bank-events'

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource bankEventsTopic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: serviceBusNamespace
  name: bankEventsTopicName
  properties: {
    // Two weeks: long enough to survive a consumer outage over a holiday weekend.
    defaultMessageTimeToLive: 'P14D'
    maxSizeInMegabytes: 1024
    // Cannot be changed on an existing topic (delete and recreate it to turn it on or off).
    requiresDuplicateDetection: true
    // One day: the span over which Event Grid redelivers a BlobCreated event (eventgrid.bicep), so
    // the retries of one import fall inside it.
    duplicateDetectionHistoryTimeWindow: 'P1D'
    supportOrdering: true
    enablePartitioning: false
  }
}

resource topicSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for subscriptionName in subscriptionNames: {
    parent: bankEventsTopic
    name: subscriptionName
    properties: {
      lockDuration: 'PT1M'
      maxDeliveryCount: maxDeliveryCount
      // Sessions off: the app's messages carry no SessionId.
      requiresSession: false
      deadLetteringOnMessageExpiration: true
      deadLetteringOnFilterEvaluationExceptions: true
      defaultMessageTimeToLive: 'P14D'
    }
  }
]

output name string = serviceBusNamespace.name
// "https://{ns}.servicebus.windows.net:443/" → "{ns}.servicebus.windows.net", whatever the cloud.
output fullyQualifiedNamespace string = split(replace(serviceBusNamespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output bankEventsTopicName string = bankEventsTopic.name
