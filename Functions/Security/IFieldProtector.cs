namespace Bankflow.Functions.Security;

/// <summary>
/// Encrypts one personal field at rest — Sbanken's <c>customerId</c>, which in the real API is the user's national
/// identity number. <paramref name="context"/> names where the value lives (table, row, column): it is bound to the
/// ciphertext as associated data, so a value copied into another row does not decrypt.
/// Values stored before encryption (clear text, no <see cref="FieldCipher.Prefix"/>) are read as they are.
/// </summary>
public interface IFieldProtector
{
    ValueTask<string> ProtectAsync(string plaintext, string context, CancellationToken cancellationToken);

    ValueTask<string> UnprotectAsync(string stored, string context, CancellationToken cancellationToken);
}
