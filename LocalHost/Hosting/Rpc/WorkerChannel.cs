using System.Collections.Concurrent;
using System.Threading.Channels;
using Bankflow.LocalHost.Hosting.Rpc.Messages;
using Grpc.Core;
using RpcException = Grpc.Core.RpcException;

namespace Bankflow.LocalHost.Hosting.Rpc;

/// <summary>
/// One worker's <c>EventStream</c>: a single writer loop sends host messages in order (a gRPC stream writer
/// takes one write at a time), a reader dispatches the worker's messages. Replies are matched by the ids inside
/// each payload (function id for loads, invocation id for invocations), not by <c>request_id</c>, because the
/// .NET worker does not echo it. When the stream ends every pending request fails with
/// <see cref="WorkerGoneException"/>, so a worker that dies mid-invocation fails that invocation at once.
/// </summary>
public sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outbox = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FunctionLoadResponse>> _loads = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<WorkerInitResponse> _init = NewSource<WorkerInitResponse>();
    private readonly TaskCompletionSource<FunctionMetadataResponse> _metadata = NewSource<FunctionMetadataResponse>();
    private readonly ConcurrentQueue<TaskCompletionSource> _statusWaiters = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<RpcLog> _onLog;

    public WorkerChannel(string workerId, Action<RpcLog> onLog)
    {
        WorkerId = workerId;
        _onLog = onLog;
    }

    public string WorkerId { get; }

    /// <summary>Completes when the worker's <c>StartStream</c> arrived on this channel.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes (with the reason) when the stream has ended, for whatever cause.</summary>
    public Task<string> Closed => _closed.Task;

    public bool IsOpen => _connected.Task.IsCompleted && !_closed.Task.IsCompleted;

    /// <summary>Serves the stream until either side ends it; called by the gRPC service after StartStream.</summary>
    internal async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        _connected.TrySetResult();
        var writer = WriteLoopAsync(responses, cancellationToken);
        var reason = "the worker closed its stream";
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Dispatch(requests.Current);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or RpcException or InvalidOperationException)
        {
            reason = $"the worker's stream broke ({ex.GetType().Name}: {ex.Message})";
        }
        finally
        {
            Close(reason);
        }
        try
        {
            await writer.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or RpcException or InvalidOperationException)
        {
            // The peer is gone; nothing left to deliver.
        }
    }

    private async Task WriteLoopAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                _onLog(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryRemove(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                if (_loads.TryRemove(message.FunctionLoadResponse.FunctionId, out var load))
                {
                    load.TrySetResult(message.FunctionLoadResponse);
                }
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                _init.TrySetResult(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                _metadata.TrySetResult(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.WorkerStatusResponse:
                if (_statusWaiters.TryDequeue(out var status))
                {
                    status.TrySetResult();
                }
                break;
            default:
                // Anything else (a second StartStream, messages of newer protocol versions) is not for us.
                break;
        }
    }

    /// <summary>Ends the channel: fails every pending request with <paramref name="reason"/>.</summary>
    public void Close(string reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }
        _outbox.Writer.TryComplete();
        var gone = new WorkerGoneException(reason);
        _init.TrySetException(gone);
        _metadata.TrySetException(gone);
        foreach (var key in _invocations.Keys)
        {
            if (_invocations.TryRemove(key, out var pending))
            {
                pending.TrySetException(gone);
            }
        }
        foreach (var key in _loads.Keys)
        {
            if (_loads.TryRemove(key, out var pending))
            {
                pending.TrySetException(gone);
            }
        }
        while (_statusWaiters.TryDequeue(out var waiter))
        {
            waiter.TrySetException(gone);
        }
    }

    private void Send(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        if (!_outbox.Writer.TryWrite(message))
        {
            throw new WorkerGoneException(_closed.Task.IsCompleted ? _closed.Task.Result : "the worker's stream is closed");
        }
    }

    public Task<WorkerInitResponse> InitAsync(WorkerInitRequest request, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage { WorkerInitRequest = request });
        return _init.Task.WaitAsync(cancellationToken);
    }

    public Task<FunctionMetadataResponse> MetadataAsync(FunctionsMetadataRequest request, CancellationToken cancellationToken)
    {
        Send(new StreamingMessage { FunctionsMetadataRequest = request });
        return _metadata.Task.WaitAsync(cancellationToken);
    }

    public Task<FunctionLoadResponse> LoadAsync(FunctionLoadRequest request, CancellationToken cancellationToken)
    {
        var source = NewSource<FunctionLoadResponse>();
        _loads[request.FunctionId] = source;
        Send(new StreamingMessage { FunctionLoadRequest = request });
        return source.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Sends one invocation and waits for its response. Cancelling (timeout, shutdown) sends
    /// <c>InvocationCancel</c> so the worker's <c>FunctionContext.CancellationToken</c> fires, as the host does.
    /// </summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var source = NewSource<InvocationResponse>();
        if (!_invocations.TryAdd(request.InvocationId, source))
        {
            throw new ArgumentException($"invocation id {request.InvocationId} is already in flight", nameof(request));
        }
        try
        {
            Send(new StreamingMessage { InvocationRequest = request });
            return await source.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (_invocations.TryRemove(request.InvocationId, out _) && IsOpen)
            {
                _outbox.Writer.TryWrite(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } });
            }
            throw;
        }
        catch (WorkerGoneException)
        {
            _invocations.TryRemove(request.InvocationId, out _);
            throw;
        }
    }

    /// <summary>The host's health probe: <c>WorkerStatusRequest</c>, answered with an empty response.</summary>
    public Task StatusAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _statusWaiters.Enqueue(waiter);
        Send(new StreamingMessage { WorkerStatusRequest = new WorkerStatusRequest() });
        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Asks the worker to exit; it sends no reply (the stream simply ends).</summary>
    public void Terminate(TimeSpan gracePeriod)
    {
        if (IsOpen)
        {
            _outbox.Writer.TryWrite(new StreamingMessage
            {
                RequestId = Guid.NewGuid().ToString(),
                WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) },
            });
        }
    }

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The worker's stream ended (process exited, killed, or closed the stream) while a request was pending.</summary>
public sealed class WorkerGoneException(string message) : Exception(message);
