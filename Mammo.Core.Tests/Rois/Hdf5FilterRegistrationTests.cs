using Mammo.Rois;
using Mammo.Tests.Support;
using PureHDF.Filters;

namespace Mammo.Tests.Rois;

/// <summary>
/// The reader against PureHDF's process-wide filter registrations, which this test resets: it runs alone, since a reset
/// while another test reads or writes a gzip HDF5 file fails that test ("The filter with id 1 has not been registered").
/// </summary>
[Collection(nameof(ProcessWideState))]
public sealed class Hdf5FilterRegistrationTests
{
    private static string Fixture(string name) => Hdf5FixtureTests.Fixture(name);

    [Fact]
    public void Fletcher32_is_refused_whatever_the_process_wide_filter_registrations()
    {
        // The reader used to rely on a filter it registered process-wide from a static constructor; anyone resetting
        // PureHDF's registrations then got fletcher32 data decoded to wrong values. The pipeline check needs no registration.
        _ = Hdf5RoiReader.Read(Fixture("small_chunks_gzip.h5"), RoiOptions.Default);
        H5Filter.ResetRegistrations();
        Assert.Contains("fletcher32", Assert.Throws<RoiFormatException>(() => Hdf5RoiReader.Read(Fixture("fletcher32.h5"), RoiOptions.Default)).Message);
        Assert.Equal(
            Hdf5RoiReader.Read(Fixture("contiguous.h5"), RoiOptions.Default).Pixels,
            Hdf5RoiReader.Read(Fixture("small_chunks_shuffle.h5"), RoiOptions.Default).Pixels);
    }
}
