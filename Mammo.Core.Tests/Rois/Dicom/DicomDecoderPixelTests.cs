using Mammo.Rois.Dicom;
using Mammo.Tests.Support;
using static Mammo.Tests.Rois.Dicom.DicomBytes;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>How stored bits become pixels: bits outside the stored range are dropped, the stored bits are moved down to
/// bit 0, 8-bit data is read in chunks, and a caller's buffer is used when it fits.</summary>
public sealed class DicomDecoderPixelTests
{
    [Fact]
    public void Bits_above_the_stored_bits_are_masked_off()
    {
        // 12 of 16 bits, high bit 11: the top four bits hold overlay junk that must not reach the pixels.
        var values = Enumerable.Range(0, 12).Select(i => (i * 301) % 4096).ToArray();
        var junk = TestDicom.Filled(4, 3, (x, y) => 0xF000 | values[x + (4 * y)]) with { BitsStored = 12 };

        Assert.Equal(values, Decode(junk.ToBytes()).Pixels.Select(p => (int)p));
    }

    [Fact]
    public void Stored_bits_with_a_high_bit_above_them_are_shifted_down()
    {
        // 12 of 16 bits, high bit 15: the value sits in bits 4..15, junk in bits 0..3.
        var values = Enumerable.Range(0, 12).Select(i => (i * 301) % 4096).ToArray();
        var shifted = TestDicom.Filled(4, 3, (x, y) => (values[x + (4 * y)] << 4) | 0x9) with { BitsStored = 12 };
        var bytes = SetUnsignedShort(shifted.ToBytes(), 0x0028, 0x0102, 15);

        Assert.Equal(values, Decode(bytes).Pixels.Select(p => (int)p));
    }

    [Fact]
    public void A_pixel_buffer_of_the_image_size_is_decoded_into_and_another_is_not()
    {
        var image = TestDicom.Filled(4, 3, (x, y) => x + (10 * y));
        var bytes = image.ToBytes();
        var fits = new ushort[12];
        var other = new ushort[13];

        var into = Decode(bytes, new DicomDecoderOptions { PixelBuffer = fits });
        var beside = Decode(bytes, new DicomDecoderOptions { PixelBuffer = other });

        Assert.Same(fits, into.Pixels);
        Assert.Equal(image.Values, fits.Select(p => (int)p));
        Assert.NotSame(other, beside.Pixels);
        Assert.Equal(image.Values, beside.Pixels.Select(p => (int)p));
        Assert.All(other, p => Assert.Equal(0, p));
    }

    [Fact]
    public void Eight_bit_pixels_beyond_one_read_chunk_are_all_read()
    {
        // 257 x 256 = 65,792 pixels: one full 64 KiB chunk and a partial one.
        var image = TestDicom.Filled(257, 256, (x, y) => ((x * 7) + (y * 13)) & 0xFF, bits: 8);

        Assert.Equal(image.Values, Decode(image.ToBytes()).Pixels.Select(p => (int)p));
    }
}
