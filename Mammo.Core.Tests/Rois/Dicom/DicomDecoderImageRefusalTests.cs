using Mammo.Rois.Dicom;
using Mammo.Tests.Support;
using static Mammo.Tests.Rois.Dicom.DicomBytes;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>
/// The image attributes of a well-formed file: each one missing or out of range is refused with its name and value,
/// each boundary value that is valid is read. Files are <see cref="TestDicom"/>'s with one attribute edited in place.
/// </summary>
public sealed class DicomDecoderImageRefusalTests
{
    private const string NotRead = ", which Mammo does not read (grayscale 8- or 16-bit images are read)";

    private static readonly TestDicom Image = TestDicom.Filled(4, 3, (x, y) => x + (10 * y));

    [Fact]
    public void A_compressed_transfer_syntax_is_refused_saying_how_to_convert_it()
    {
        var problem = Refusal(Meta("1.2.840.10008.1.2.4.50"));

        Assert.StartsWith("uses the transfer syntax 1.2.840.10008.1.2.4.50 (", problem, StringComparison.Ordinal);
        Assert.EndsWith(
            "), which Mammo does not read; only uncompressed Explicit and Implicit VR Little Endian are read (convert it first, e.g. with DCMTK's dcmdjpeg or dcmconv +te)",
            problem,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0010, "Rows")]
    [InlineData(0x0011, "Columns")]
    [InlineData(0x0002, "Samples per Pixel")]
    [InlineData(0x0100, "Bits Allocated")]
    [InlineData(0x0101, "Bits Stored")]
    [InlineData(0x0103, "Pixel Representation")]
    public void A_missing_image_attribute_is_refused_by_name_and_tag(int element, string name)
    {
        var bytes = Remove(Image.ToBytes(), 0x0028, (ushort)element);

        Assert.Equal($"the DICOM file has no {name} (0028,{element:X4}), which an image needs", Refusal(bytes));
    }

    [Fact]
    public void A_missing_high_bit_is_the_top_stored_bit()
    {
        var read = Decode(Remove(Image.ToBytes(), 0x0028, 0x0102));

        Assert.Equal(Image.Values, read.Pixels.Select(p => (int)p));
    }

    [Fact]
    public void A_missing_photometric_interpretation_is_refused_as_such()
    {
        Assert.Equal("the DICOM image is without a Photometric Interpretation" + NotRead, Refusal(Remove(Image.ToBytes(), 0x0028, 0x0004)));
    }

    [Fact]
    public void A_colour_photometric_interpretation_is_refused_by_name()
    {
        Assert.Equal("the DICOM image is RGB" + NotRead, Refusal((Image with { Photometric = "RGB" }).ToBytes()));
    }

    [Fact]
    public void Three_samples_per_pixel_are_refused()
    {
        Assert.Equal("the DICOM image is 3 samples per pixel" + NotRead, Refusal(SetUnsignedShort(Image.ToBytes(), 0x0028, 0x0002, 3)));
    }

    [Fact]
    public void Twelve_bits_allocated_are_refused()
    {
        var bytes = SetUnsignedShort((Image with { BitsStored = 12 }).ToBytes(), 0x0028, 0x0100, 12);

        Assert.Equal("the DICOM image is 12 bits allocated per pixel" + NotRead, Refusal(bytes));
    }

    [Theory]
    [InlineData(16, 0, 0)] // nothing stored
    [InlineData(8, 12, 11)] // more stored than allocated
    [InlineData(16, 12, 10)] // high bit below the stored bits
    [InlineData(16, 12, 16)] // high bit outside the allocated bits
    public void An_inconsistent_bit_layout_is_refused_with_its_numbers(int allocated, int stored, int highBit)
    {
        Assert.Equal(
            $"inconsistent bit layout: {allocated} bits allocated, {stored} stored, high bit {highBit}",
            Refusal(Layout(allocated, stored, highBit)));
    }

    [Theory]
    [InlineData(8, 1, 0)] // one stored bit
    [InlineData(16, 12, 12)] // stored bits above the lowest
    [InlineData(16, 12, 15)] // the top 12 of 16 bits
    public void A_consistent_bit_layout_at_its_limits_is_read(int allocated, int stored, int highBit)
    {
        var read = Decode(Layout(allocated, stored, highBit), DicomDecoderOptions.HeaderOnly);

        Assert.Equal((allocated, stored), (read.BitsAllocated, read.BitsStored));
    }

    [Fact]
    public void A_pixel_representation_other_than_0_or_1_is_refused()
    {
        Assert.Equal(
            "Pixel Representation 2 is neither 0 (unsigned) nor 1 (signed)",
            Refusal(SetUnsignedShort(Image.ToBytes(), 0x0028, 0x0103, 2)));
    }

    [Theory]
    [InlineData(0x0010, "the image is 4 x 0 pixels")]
    [InlineData(0x0011, "the image is 0 x 3 pixels")]
    public void An_image_without_rows_or_columns_is_refused(int element, string problem)
    {
        Assert.Equal(problem, Refusal(SetUnsignedShort(Image.ToBytes(), 0x0028, (ushort)element, 0)));
    }

    [Fact]
    public void The_pixel_limit_admits_an_image_of_exactly_that_many_pixels()
    {
        var bytes = Image.ToBytes();

        Assert.Equal(Image.Values, Decode(bytes, new DicomDecoderOptions { MaximumPixels = 12 }).Pixels.Select(p => (int)p));
        Assert.Equal(
            "the image is 4 x 3 pixels, more than the 11 accepted",
            Refusal(bytes, new DicomDecoderOptions { MaximumPixels = 11 }));
    }

    [Fact]
    public void Pixel_data_shorter_than_the_image_is_refused_with_both_sizes()
    {
        // 16-bit 4 x 3 needs 24 bytes; the element holds 12 (the file ends with it, so only the size check can refuse).
        var bytes = Image.ToBytes();
        var pixelData = Find(bytes, 0x7FE0, 0x0010);
        byte[] shorter = [.. bytes[..pixelData], .. Element(0x7FE0, 0x0010, "OW", bytes[(pixelData + 12)..(pixelData + 24)])];

        Assert.Equal("Pixel Data holds 12 bytes, a 4 x 3 image of 16-bit pixels needs 24", Refusal(shorter));
    }

    [Fact]
    public void Pixel_data_longer_than_the_image_is_read()
    {
        // 3 x 3 8-bit pixels are 9 bytes, padded to an even 10.
        var odd = TestDicom.Filled(3, 3, (x, y) => 1 + x + (3 * y), bits: 8);

        Assert.Equal(odd.Values, Decode(odd.ToBytes()).Pixels.Select(p => (int)p));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void A_rescale_slope_that_is_no_finite_number_is_refused(string slope)
    {
        var padded = slope.Length % 2 == 0 ? slope : slope + " ";
        var bytes = InsertBefore(Image.ToBytes(), 0x7FE0, 0x0010, Element(0x0028, 0x1053, "DS", System.Text.Encoding.ASCII.GetBytes(padded)));

        Assert.Equal(
            $"DICOM element (0028,1053) at byte {Find(bytes, 0x0028, 0x1053)}: '{slope}' is not a decimal number",
            Refusal(bytes));
    }

    [Fact]
    public void Missing_identifiers_are_empty()
    {
        var bytes = Image.ToBytes();
        foreach (var (group, element) in new (ushort, ushort)[] { (0x0008, 0x0018), (0x0008, 0x103E), (0x0010, 0x0020), (0x0020, 0x000D), (0x0020, 0x000E) })
        {
            bytes = Remove(bytes, group, element);
        }

        var read = Decode(bytes, DicomDecoderOptions.HeaderOnly);

        Assert.Equal(["", "", "", "", ""], new[] { read.PatientId, read.SeriesDescription, read.SopInstanceUid, read.SeriesInstanceUid, read.StudyInstanceUid });
    }

    private static byte[] Layout(int allocated, int stored, int highBit)
    {
        var image = TestDicom.Filled(4, 3, (x, y) => 0, bits: allocated) with { BitsStored = stored };
        return SetUnsignedShort(image.ToBytes(), 0x0028, 0x0102, (ushort)highBit);
    }
}
