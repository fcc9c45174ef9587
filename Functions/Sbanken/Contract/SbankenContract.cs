using System.Text.Json.Serialization;

namespace Bankflow.Functions.Sbanken.Contract;

/// <summary>
/// The whole Sbanken HTTP contract Bankflow relies on, in one place, modelled on Sbanken's public API v2
/// (identity server at auth.sbanken.no, data API at publicapi.sbanken.no/apibeta). A partner contract
/// replaces this folder: the paths, the DTOs below and <see cref="SbankenContractMapping"/>.
/// <list type="bullet">
/// <item><c>GET {auth}/identityserver/connect/authorize?response_type=code&amp;client_id&amp;redirect_uri&amp;scope&amp;state</c> —
/// the user signs in with BankID; Sbanken redirects to redirect_uri with <c>code</c> and <c>state</c>.</item>
/// <item><c>POST {auth}/identityserver/connect/token</c>, HTTP Basic with the URL-encoded client id and secret, form
/// <c>grant_type=client_credentials</c> (the app) or <c>grant_type=authorization_code&amp;code&amp;redirect_uri</c> (the user).</item>
/// <item><c>GET {api}/api/v2/accounts</c> → <see cref="AccountsResponse"/>.</item>
/// <item><c>GET {api}/api/v2/transactions/{accountId}?startDate=yyyy-MM-dd&amp;endDate=yyyy-MM-dd&amp;index&amp;length</c> → <see cref="TransactionsResponse"/>.</item>
/// </list>
/// Assumption of the partner agreement (not in the public personal API): the authorisation-code token answer
/// carries <c>customer_id</c>, the customer the user acted for; the app then reads that customer's data with its
/// own client-credentials token and a <c>customerId</c> header, so no user token has to be kept for the mornings.
/// </summary>
public static class SbankenPaths
{
    public const string Authorize = "identityserver/connect/authorize";
    public const string Token = "identityserver/connect/token";
    public const string Accounts = "api/v2/accounts";
    public const string TransactionsPrefix = "api/v2/transactions/";

    /// <summary>The header naming the customer whose data the app token reads.</summary>
    public const string CustomerIdHeader = "customerId";
}

/// <summary>The identity server's token answer.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("customer_id")] string? CustomerId);

/// <summary><c>{"availableItems": n, "items": [...]}</c> — Sbanken's list envelope.</summary>
public sealed record AccountsResponse(int AvailableItems, IReadOnlyList<AccountDto>? Items);

/// <summary>An account. Amounts are JSON numbers in kroner; <c>balance</c> is booked, <c>available</c> includes reservations and credit.</summary>
public sealed record AccountDto(
    string? AccountId,
    string? AccountNumber,
    string? OwnerCustomerId,
    string? Name,
    string? AccountType,
    decimal? Available,
    decimal? Balance,
    decimal? CreditLimit);

public sealed record TransactionsResponse(int AvailableItems, IReadOnlyList<TransactionDto>? Items);

/// <summary>A transaction line. Dates come as local date-times without offset, e.g. <c>2026-11-20T00:00:00</c>.</summary>
public sealed record TransactionDto(
    string? AccountingDate,
    string? InterestDate,
    decimal? Amount,
    string? Text,
    string? TransactionType,
    int? TransactionTypeCode,
    string? TransactionTypeText,
    string? OtherAccountNumber,
    bool? IsReservation,
    string? Source);
