// Step two of the deployment (main.bicep, deployEventGridSubscription = true, no key passed): reads
// the Functions host's `blobs_extension` system key, which authorises Event Grid's calls to the
// host's blob webhook (eventgrid.bicep).
//
// The host keeps its keys; the ARM action {app}/host/default/listkeys (behind `az functionapp keys
// list`) returns them as {masterKey, functionKeys, systemKeys}. blobs_extension is there once the
// host has started with the blob-triggered function deployed.
//
// A module of its own because list* functions need a resource id that is known when the deployment
// starts: in main.bicep the app's name is an output of functionapp.bicep, here it is a parameter.

@description('Name of the function app (existing, same resource group).')
param functionAppName string

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// The resource id is written out rather than built with resourceId('Microsoft.Web/sites/host', …):
// the host is not a resource type Bicep has a schema for, so the linter would not recognise it;
// the list action takes the site's API version.
@description('The host\'s blobs_extension system key. Secure: not kept in the deployment history.')
@secure()
output blobsExtensionKey string = listKeys('${functionApp.id}/host/default', functionApp.apiVersion).systemKeys.blobs_extension
