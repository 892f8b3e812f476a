using BenchmarkDotNet.Running;
using Mammo.Benchmarks;

// A printed benchmark of the CBIS-DDSM importer (time per row, peak memory); everything else is BenchmarkDotNet.
if (args is [ImportBenchmark.Verb, ..])
{
    return ImportBenchmark.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
return 0;
