using Mammo.Rois;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois;

/// <summary>
/// An LZF-compressed ROI written by h5py (Fixtures/lzf.h5, made by Fixtures/make_lzf_fixture.py): PureHDF has no LZF
/// filter, so the reader must refuse it with its own error type, naming the file and the filter.
/// </summary>
public sealed class LzfRefusalTests
{
    private static string Fixture => Path.Combine(SharedData.RepositoryRoot, "Mammo.Core.Tests", "Rois", "Fixtures", "lzf.h5");

    [Fact]
    public void Lzf_is_refused_naming_the_file_and_the_filter()
    {
        Assert.True(File.Exists(Fixture), $"the fixture {Fixture} is part of the repository");
        var error = Assert.Throws<RoiFormatException>(() => RoiReader.Read(Fixture, RoiOptions.Default));
        Assert.Contains(Fixture, error.Message);
        Assert.Contains("lzf", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("gzip", error.Message);
    }

    [Fact]
    public void Lzf_stops_a_dataset_evaluation_unless_bad_rois_are_skipped()
    {
        // The same refusal through the direct reader entry point used by every path (training, evaluation, prediction).
        var error = Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(Fixture, RoiOptions.Default with { MaskChannel = null }));
        Assert.IsAssignableFrom<MammoException>(error);
        Assert.Contains("filter", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
