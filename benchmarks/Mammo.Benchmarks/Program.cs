using BenchmarkDotNet.Running;

// Console modes print their figures directly; anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "soak" => Mammo.Benchmarks.SoakRunner.Run(args),
    "hdf5" => Mammo.Benchmarks.Hdf5Timing.Run(args),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Mammo.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
    return 0;
}
