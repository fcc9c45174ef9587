// Key Vault in RBAC mode holding the key Bankflow signs client tokens with. The app reads it through
// a Key Vault reference in its app settings (functionapp.bicep), resolved with the user-assigned
// identity, which holds Key Vault Secrets User (rbac.bicep).
//
// The secret is written only when a value is passed. The first deployment must pass one; later
// deployments may leave it empty and the stored secret stays as it is (a template cannot make a
// stable random key: newGuid() would change it, and every issued token with it, on each deploy).

@description('Azure region of the vault.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the vault (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`). Empty = keep the stored secret.')
@secure()
param clientTokenSigningKey string

@description('Sbanken API client secret (Bankflow:Sbanken:ClientSecret). Empty = keep the stored secret.')
@secure()
param sbankenClientSecret string

@description('Secret DNB signs its agreement callbacks with (Bankflow:Dnb:CallbackSecret). Empty = keep the stored secret.')
@secure()
param dnbCallbackSecret string

@description('Secret the Modhi collection agency signs its API calls with (Bankflow:Collection:Agencies:modhi:Secret). Empty = keep the stored secret.')
@secure()
param modhiAgencySecret string

@description('Purge protection: a deleted vault or secret cannot be purged before the retention ends. Cannot be turned off again once on.')
param enablePurgeProtection bool

// The app setting Bankflow__ClientTokenSigningKey points here.
var signingKeySecretName = 'ClientTokenSigningKey'

// The app setting Bankflow__Sbanken__ClientSecret points here.
var sbankenSecretName = 'SbankenClientSecret'

// The app setting Bankflow__Dnb__CallbackSecret points here.
var dnbCallbackSecretName = 'DnbCallbackSecret'

// The app setting Bankflow__Collection__Agencies__modhi__Secret points here.
var modhiAgencySecretName = 'CollectionAgencyModhiSecret'
// The key that wraps the app's data keys (Bankflow__DataProtection__KeyVaultKeyId): personal fields at rest,
// e.g. Sbanken's customer id, are encrypted with a data key only this key can unwrap (KeyVaultFieldProtector).
var dataProtectionKeyName = 'DataProtectionKey'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC only; no access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The API accepts only true or absence here, so false is sent as null (omitted).
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(clientTokenSigningKey)) {
  parent: vault
  name: signingKeySecretName
  properties: {
    value: clientTokenSigningKey
    contentType: 'base64, at least 32 bytes'
    attributes: {
      enabled: true
    }
  }
}

resource sbankenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sbankenClientSecret)) {
  parent: vault
  name: sbankenSecretName
  properties: {
    value: sbankenClientSecret
    contentType: 'Sbanken API client secret'
    attributes: {
      enabled: true
    }
  }
}

resource modhiAgencySecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(modhiAgencySecret)) {
  parent: vault
  name: modhiAgencySecretName
  properties: {
    value: modhiAgencySecret
    contentType: 'Collection agency (Modhi) HMAC secret'
  }
}

resource dnbCallbackSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(dnbCallbackSecret)) {
  parent: vault
  name: dnbCallbackSecretName
  properties: {
    value: dnbCallbackSecret
    contentType: 'DNB callback HMAC secret'
  }
}

// RSA, wrap/unwrap only: the key never leaves the vault. Rotating it adds a version; values keep the version
// that wrapped them (the kid is stored with each), so older versions must stay enabled while values use them.
resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: dataProtectionKeyName
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [
      'wrapKey'
      'unwrapKey'
    ]
    attributes: {
      enabled: true
    }
  }
}

output name string = vault.name
// Versionless, so a rotated secret is picked up without a redeploy (App Service re-reads
// references periodically; restart the app to force it).
output clientTokenSigningKeySecretUri string = '${vault.properties.vaultUri}secrets/${signingKeySecretName}'

// Versionless, like the signing key's.
output sbankenClientSecretUri string = '${vault.properties.vaultUri}secrets/${sbankenSecretName}'

// Versionless, like the others.
output modhiAgencySecretUri string = '${vault.properties.vaultUri}secrets/${modhiAgencySecretName}'
output dnbCallbackSecretUri string = '${vault.properties.vaultUri}secrets/${dnbCallbackSecretName}'
// Versionless: new values are wrapped with the key's current version.
output dataProtectionKeyUri string = '${vault.properties.vaultUri}keys/${dataProtectionKey.name}'
