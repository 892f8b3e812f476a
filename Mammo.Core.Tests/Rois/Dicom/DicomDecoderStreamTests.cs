using System.IO.Compression;
using Mammo.Rois.Dicom;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>The reader's entry points: a file that cannot be opened, a stream it cannot use, and a stream that fails or shrinks under it.</summary>
public sealed class DicomDecoderStreamTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_missing_file_cannot_be_opened_and_is_named()
    {
        var path = directory.File("absent.dcm");

        var error = Assert.Throws<RoiFormatException>(() => DicomDecoder.Decode(path));

        Assert.Equal(path, error.FilePath);
        var cause = Assert.IsType<FileNotFoundException>(error.InnerException);
        Assert.Equal($"{path}: cannot be opened: {cause.Message}", error.Message);
    }

    [Fact]
    public void A_null_stream_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentNullException>(() => DicomDecoder.Decode((Stream)null!, "x.dcm"));

        Assert.Equal("stream", error.ParamName);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_an_argument_error()
    {
        using var deflate = new DeflateStream(new MemoryStream(), CompressionMode.Decompress);

        var error = Assert.Throws<ArgumentException>(() => DicomDecoder.Decode(deflate, "x.dcm"));

        Assert.Equal("stream", error.ParamName);
        Assert.StartsWith("The DICOM reader needs a seekable stream.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_shorter_than_its_length_is_a_truncated_file()
    {
        // The file shrank after its length was taken: the lengths all check out, the read of the pixels does not.
        var bytes = TestDicom.Filled(4, 3, (x, y) => x + y).ToBytes();
        using var stream = new ShrunkStream(bytes[..^2], claimedLength: bytes.Length);

        var error = Assert.Throws<RoiFormatException>(() => DicomDecoder.Decode(stream, "x.dcm"));

        Assert.Equal("x.dcm: is a truncated DICOM file", error.Message);
        Assert.IsType<EndOfStreamException>(error.InnerException);
    }

    [Fact]
    public void A_failing_read_is_reported_with_its_cause()
    {
        using var stream = new FailingStream(new byte[400]);

        var error = Assert.Throws<RoiFormatException>(() => DicomDecoder.Decode(stream, "x.dcm"));

        Assert.Equal("x.dcm: cannot be read: the disk went away", error.Message);
        Assert.Equal("x.dcm", error.FilePath);
        Assert.IsType<IOException>(error.InnerException);
    }

    private sealed class ShrunkStream(byte[] bytes, long claimedLength) : MemoryStream(bytes)
    {
        public override long Length => claimedLength;
    }

    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("the disk went away");

        public override int Read(Span<byte> buffer) => throw new IOException("the disk went away");
    }
}
