namespace Bankflow.LocalHost.Simulators.Dnb;

/// <summary>What the simulated DNB does with an order completed in its wizard.</summary>
public enum DnbSimulatedOutcome
{
    /// <summary>Registers every ordered account; an OCR agreement gets the KID setup the order asked for.</summary>
    Registered,

    /// <summary>Registers, but the OCR agreement gets another KID setup (one digit longer, the other check digit).</summary>
    KidMismatch,

    /// <summary>Cannot register the order and says why.</summary>
    Failure,
}

/// <summary>One callback the simulator sent: the body as signed, and Bankflow's answer.</summary>
public sealed record DnbSentCallback(byte[] Body, int Status, string Answer);
