using Bankflow.LocalHost.Hosting.Rpc.Messages;
using Grpc.Core;
using RpcException = Grpc.Core.RpcException;

namespace Bankflow.LocalHost.Hosting.Rpc;

/// <summary>
/// The host's end of <c>FunctionRpc.EventStream</c>. A worker opens the stream with <c>StartStream</c> naming the
/// worker id LocalHost gave it on its command line; the stream is then handed to that worker's
/// <see cref="WorkerChannel"/>. A stream that starts otherwise, or with an id nobody expects, is refused.
/// </summary>
internal sealed class FunctionRpcService(WorkerRegistry registry) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            return;
        }
        var first = requestStream.Current;
        if (first.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"the first message must be StartStream, not {first.ContentCase}"));
        }
        if (!registry.TryClaim(first.StartStream.WorkerId, out var channel))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no worker with id '{first.StartStream.WorkerId}' is expected"));
        }
        await channel.RunAsync(requestStream, responseStream, context.CancellationToken).ConfigureAwait(false);
    }
}
