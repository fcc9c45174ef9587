namespace Bankflow.Functions.Intake;

/// <summary>Intake limits, from configuration section <c>Bankflow:Intake</c>.</summary>
public sealed class IntakeOptions
{
    /// <summary>Largest file accepted (upload and blob trigger). The HTTP trigger's own cap is 100 MB.</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;
}
