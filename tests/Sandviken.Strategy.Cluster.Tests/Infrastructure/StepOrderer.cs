using Xunit.Abstractions;
using Xunit.Sdk;

namespace Sandviken.Strategy.Cluster.Tests.Infrastructure;

/// <summary>The step a test takes in the topology's life: the last one kills an instance, so it must come last.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Runs the tests of a class in the order of their <see cref="StepAttribute"/>.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Sandviken.Strategy.Cluster.Tests.Infrastructure.StepOrderer";
    public const string AssemblyName = "Sandviken.Strategy.Cluster.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName)
            .Select(a => (int)a.GetConstructorArguments().First())
            .DefaultIfEmpty(int.MaxValue)
            .First());
}
