// Role assignments for the function app's user-assigned managed identity, each on the narrowest
// resource that works. Assignment names are guid(scope, principal, role), so redeploying finds the
// same assignment instead of failing with RoleAssignmentExists.

@description('Principal (object) id of the user-assigned identity the function app runs as.')
param principalId string

@description('Name of the storage account (existing, same resource group).')
param storageAccountName string

@description('Name of the Service Bus namespace (existing, same resource group).')
param serviceBusNamespaceName string

@description('Name of the topic the app publishes its events to (existing, in that namespace).')
param bankEventsTopicName string

@description('Name of the Key Vault (existing, same resource group).')
param keyVaultName string

@description('Name of the Application Insights component (existing, same resource group).')
param applicationInsightsName string

// Built-in role definition ids (the same in every tenant).
var roles = {
  // Storage Blob Data Owner: the host manages its own containers (azure-webjobs-hosts,
  // azure-webjobs-secrets) and Flex reads the deployment package; the app reads and writes bank files.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Queue Data Contributor: the blob trigger's internal queue and webjobs-blobtrigger-poison.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: FileImports, BankEntries, Notifications, … via the app's own client.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Azure Service Bus Data Sender: the app publishes its events to "bank-events".
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  // Azure Service Bus Data Receiver: for a consumer of the topic's subscriptions running under this
  // identity (the app itself has none today).
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  // Key Vault Secrets User: resolving @Microsoft.KeyVault(...) app settings.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Key Vault Crypto User: wrapping and unwrapping data keys with the data-protection key.
  keyVaultCryptoUser: '12338af0-0e69-4776-bea7-57ae8d297424'
  // Monitoring Metrics Publisher: telemetry to Application Insights with local auth disabled.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource serviceBusNamespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource bankEventsTopic 'topics' existing = {
    name: bankEventsTopicName
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storageAccount.id, principalId, roleId)
    scope: storageAccount
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: principalId
      // Avoids the "principal not found" race right after the identity is created.
      principalType: 'ServicePrincipal'
    }
  }
]

// Sending on the one topic the app publishes to, not on the whole namespace.
resource serviceBusSenderAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBusNamespace::bankEventsTopic.id, principalId, roles.serviceBusDataSender)
  scope: serviceBusNamespace::bankEventsTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource serviceBusReceiverAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBusNamespace.id, principalId, roles.serviceBusDataReceiver)
  scope: serviceBusNamespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultSecretsUserAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, principalId, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource keyVaultCryptoUserAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, principalId, roles.keyVaultCryptoUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource metricsPublisherAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
