using System.CommandLine;
using BenchmarkDotNet.Running;
using Mammo.Benchmarks;
using Mammo.Benchmarks.Throughput;

// 'bench' (and the hidden 'bench-size-run' it starts per dataset size) is the throughput console mode;
// 'import-cbis-ddsm' a printed benchmark of the CBIS-DDSM importer (time per row, peak memory); anything else goes to
// BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] is "bench" or "bench-size-run")
{
    var root = new RootCommand("Mammo throughput benchmark.") { BenchCommand.Create(), BenchCommand.CreateSizeRun() };
    return await root.Parse(args).InvokeAsync();
}

if (args is [ImportBenchmark.Verb, ..])
{
    return ImportBenchmark.Run(args[1..]);
}

// "recipes ..." measures feature recipes by repeated cross-validation (see RecipeStudy); anything else runs BenchmarkDotNet.
if (args is ["recipes", ..])
{
    return Mammo.Benchmarks.RecipeStudy.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
return 0;
