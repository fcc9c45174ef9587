namespace Bankflow.LocalHost.Tests.Parse;

/// <summary>
/// A fact about the natively compiled <c>bankflow parse</c> (artifacts/parse/bankflow-parse). <c>./bankflow test</c>
/// publishes it first and names it in <see cref="Variable"/>; a plain <c>dotnet test</c> has no such step, so the fact
/// is skipped there, with the reason shown. xunit 2 has no dynamic skip: the decision is made when the attribute is
/// created.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NativeParseToolFactAttribute : FactAttribute
{
    public const string Variable = "BANKFLOW_PARSE_NATIVE";

    public NativeParseToolFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: the native parse tool is published and checked by ./bankflow test (scripts/test.sh).";
        }
    }
}
