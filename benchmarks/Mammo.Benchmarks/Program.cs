using System.CommandLine;
using BenchmarkDotNet.Running;
using Mammo.Benchmarks;
using Mammo.Benchmarks.Throughput;

// Console modes print their figures directly: 'bench' (and the hidden 'bench-size-run' it starts per dataset size) the
// throughput, 'import-cbis-ddsm' the CBIS-DDSM importer (time per row, peak memory), 'soak' predictions from many
// threads against sequential ones, 'hdf5' chunked against single-chunk HDF5 decoding; anything else goes to
// BenchmarkDotNet's switcher; 'recipes' measures feature recipes by repeated cross-validation (see RecipeStudy), 'variants' measures
// variants of the default procedure against it on the same fold draws (see VariantStudy), 'mias-audit' checks
// each preprocessing step on MIAS and measures intensity variants (see MiasAudit); 'stages', 'throughput', 'backbone-time'
// and 'warm' profile the featurisation path and a warm training run (see StageProfile and WarmProfile).
if (args.Length > 0 && args[0] is "bench" or "bench-size-run")
{
    var root = new RootCommand("Mammo throughput benchmark.") { BenchCommand.Create(), BenchCommand.CreateSizeRun() };
    return await root.Parse(args).InvokeAsync();
}

return args.FirstOrDefault() switch
{
    ImportBenchmark.Verb => ImportBenchmark.Run(args[1..]),
    "soak" => SoakRunner.Run(args),
    "hdf5" => Hdf5Timing.Run(args),
    "recipes" => RecipeStudy.Run(args[1..]),
    "variants" => VariantStudy.Run(args[1..]),
    "mias-audit" => MiasAudit.Run(args[1..]),
    StageProfile.Verb => StageProfile.Run(args),
    StageProfile.ThroughputVerb => StageProfile.Throughput(args),
    StageProfile.BackboneTimeVerb => StageProfile.BackboneTime(args),
    WarmProfile.Verb => WarmProfile.Run(args),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args);
    return 0;
}
