using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Hosting;

/// <summary>What one invocation hands the worker: the trigger's value (and other inputs) by binding name, and the trigger metadata.</summary>
public sealed record TriggerInput(IReadOnlyDictionary<string, TypedData> Inputs, IReadOnlyDictionary<string, TypedData> Metadata);
