using BenchmarkDotNet.Attributes;
using Mammo.Rois;

namespace Mammo.Benchmarks;

/// <summary>Decoding h5py-written ROIs (256 x 256 x 2 float32 gzip): h5py's default chunking against one chunk.</summary>
[MemoryDiagnoser]
public class Hdf5ChunkingBenchmarks
{
    private string chunked = "";
    private string single = "";

    [GlobalSetup]
    public void Setup()
    {
        var directory = Hdf5Files.Write();
        chunked = Path.Combine(directory, "default_256.h5");
        single = Path.Combine(directory, "single_256.h5");
    }

    [Benchmark(Baseline = true)]
    public int Mammo_one_chunk() => RoiReader.Read(single, RoiOptions.Default).Width;

    [Benchmark]
    public int Mammo_h5py_default_chunks() => RoiReader.Read(chunked, RoiOptions.Default).Width;

    [Benchmark]
    public int PureHdf_whole_read_h5py_default_chunks() => Hdf5Timing.PlainRead(chunked);
}
