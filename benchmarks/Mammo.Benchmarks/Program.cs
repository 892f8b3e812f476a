using BenchmarkDotNet.Running;

// "recipes ..." measures feature recipes by repeated cross-validation (see RecipeStudy); anything else runs BenchmarkDotNet.
if (args.Length > 0 && args[0] == "recipes")
{
    return Mammo.Benchmarks.RecipeStudy.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Mammo.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
return 0;
