using System.Reflection;
using Bankflow.Functions.Endpoints.OpenApi;
using Bankflow.Functions.Idempotency;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Tests.Idempotency;

/// <summary>A new endpoint that changes state (open items, agency receipts, settlements…) cannot forget the gate unnoticed.</summary>
public sealed class CoverageTests
{
    [Fact]
    public void Every_function_that_serves_POST_on_a_client_route_takes_the_idempotency_gate()
    {
        var posting = typeof(OpenApiFunction).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                .Any(trigger => trigger is not null && trigger.Route!.StartsWith("clients/{clientId}/", StringComparison.Ordinal)
                                && trigger.Methods!.Contains("post", StringComparer.OrdinalIgnoreCase))))
            .ToList();

        // SbankenStart and DnbOrders are the exceptions (see OpenApiDocumentTests.PostsWithoutIdempotencyKey).
        Assert.True(posting.Remove(typeof(Endpoints.SbankenStart.SbankenStartFunction)));
        Assert.True(posting.Remove(typeof(Endpoints.DnbOrders.DnbOrdersFunction)));
        Assert.Equal(9, posting.Count);
        Assert.All(posting, type => Assert.Contains(type.GetConstructors().Single().GetParameters(), p => p.ParameterType == typeof(IdempotencyGate)));
    }

    [Fact]
    public void Every_agency_function_checks_the_signature_and_takes_the_idempotency_gate()
    {
        var agency = typeof(OpenApiFunction).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                .Any(trigger => trigger is not null && trigger.Route!.StartsWith("agency/", StringComparison.Ordinal))))
            .ToList();

        Assert.Equal(4, agency.Count);
        Assert.All(agency, type =>
        {
            var parameters = type.GetConstructors().Single().GetParameters().Select(p => p.ParameterType).ToList();
            Assert.Contains(typeof(IdempotencyGate), parameters);
            Assert.Contains(typeof(Bankflow.Functions.Collection.AgencyGuard), parameters);
        });
    }
}
