namespace Mammo.Tests.Support;

/// <summary>Tests that change state a whole process shares (a library's static registrations): they run alone, after the others.</summary>
[CollectionDefinition(nameof(ProcessWideState), DisableParallelization = true)]
public sealed class ProcessWideState
{
}
