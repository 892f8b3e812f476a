using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Mammo.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
