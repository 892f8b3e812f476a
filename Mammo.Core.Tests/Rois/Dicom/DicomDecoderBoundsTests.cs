using Mammo.Rois.Dicom;
using Mammo.Tests.Support;
using static Mammo.Tests.Rois.Dicom.DicomBytes;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>
/// Every read of the DICOM header at the exact end of the file: one byte short is a refusal that says what was cut and
/// where, exactly enough is read. The files are built in memory; the data set after <see cref="DicomBytes.Meta"/> starts at byte 160.
/// </summary>
public sealed class DicomDecoderBoundsTests
{
    private const string NoPixelData = "the DICOM file has no Pixel Data (7FE0,0010), which an image needs";

    [Fact]
    public void A_file_one_byte_shorter_than_preamble_and_marker_is_not_part_10()
    {
        byte[] bytes = [.. new byte[127], .. "DICM"u8];

        Assert.Equal("is not a DICOM Part 10 file (no 'DICM' after the 128-byte preamble)", Refusal(bytes));
    }

    [Fact]
    public void Preamble_and_marker_alone_lack_the_transfer_syntax()
    {
        // 132 bytes are exactly enough for the marker; the meta header that follows is empty.
        byte[] bytes = [.. new byte[128], .. "DICM"u8];

        Assert.Equal("the DICOM file has no Transfer Syntax UID (0002,0010), which an image needs", Refusal(bytes));
    }

    [Fact]
    public void Four_bytes_of_a_meta_element_are_a_cut_header_not_the_end_of_the_meta_header()
    {
        // Group 0002 is there (4 bytes), the rest of the 8-byte header is not.
        byte[] bytes = [.. new byte[128], .. "DICM"u8, 0x02, 0x00, 0x10, 0x00];

        Assert.Equal("is a truncated DICOM file: an element header at byte 132 runs past the end of the file", Refusal(bytes));
    }

    [Fact]
    public void A_meta_header_ending_the_file_leaves_no_pixel_data()
    {
        // The transfer syntax's value ends exactly at the end of the file: read, then nothing is left.
        Assert.Equal(NoPixelData, Refusal(Meta()));
    }

    [Fact]
    public void A_data_set_without_pixel_data_is_refused_at_its_end()
    {
        Assert.Equal(NoPixelData, Refusal([.. Meta(), .. Element(0x0008, 0x0060, "CS", "MG"u8.ToArray())]));
    }

    [Fact]
    public void A_meta_element_of_undefined_length_is_refused()
    {
        byte[] bytes = [.. new byte[128], .. "DICM"u8, .. Header(0x0002, 0x0001, "OB", 0xFFFFFFFF)];

        Assert.Equal("DICOM element (0002,0001) at byte 132: a meta header element of undefined length", Refusal(bytes));
    }

    [Fact]
    public void A_long_vr_header_cut_before_its_length_field_is_refused()
    {
        // OB has a 12-byte header; the file ends after its first 8.
        byte[] bytes = [.. Meta(), .. Header(0x0009, 0x1010, "OB", 4)[..8]];

        Assert.Equal("is a truncated DICOM file: an element header at byte 160 runs past the end of the file", Refusal(bytes));
    }

    [Fact]
    public void A_skipped_value_longer_than_the_rest_of_the_file_is_refused()
    {
        byte[] bytes = [.. Meta(), .. Header(0x0009, 0x1010, "OB", 100), 1, 2, 3, 4];

        Assert.Equal("is a truncated DICOM file: element (0009,1010) of 100 bytes at byte 160 runs past the end of the file", Refusal(bytes));
    }

    [Fact]
    public void A_text_value_longer_than_the_rest_of_the_file_is_refused()
    {
        byte[] bytes = [.. Meta(), .. Header(0x0010, 0x0020, "LO", 10), (byte)'A', (byte)'B'];

        Assert.Equal("is a truncated DICOM file: element (0010,0020) of 10 bytes at byte 160 runs past the end of the file", Refusal(bytes));
    }

    [Fact]
    public void A_number_whose_value_is_cut_off_is_refused()
    {
        byte[] bytes = [.. Meta(), .. Header(0x0028, 0x0010, "US", 2)];

        Assert.Equal("is a truncated DICOM file: the value at byte 160 runs past the end of the file", Refusal(bytes));
    }

    [Fact]
    public void Pixel_data_two_bytes_short_is_refused_even_when_only_the_header_is_read()
    {
        var whole = TestDicom.Filled(4, 3, (x, y) => x + y).ToBytes();
        var cut = whole[..^2];
        var expected = $"is a truncated DICOM file: element (7FE0,0010) of 24 bytes at byte {Find(whole, 0x7FE0, 0x0010)} runs past the end of the file";

        Assert.Equal(expected, Refusal(cut));
        Assert.Equal(expected, Refusal(cut, DicomDecoderOptions.HeaderOnly));
    }

    [Fact]
    public void A_text_of_1024_bytes_is_read_and_one_of_1026_is_refused()
    {
        var image = TestDicom.Filled(4, 3, (x, y) => x);
        var longest = new string('P', 1024);

        Assert.Equal(longest, Decode((image with { PatientId = longest }).ToBytes()).PatientId);
        var tooLong = (image with { PatientId = new string('P', 1026) }).ToBytes();
        Assert.Equal(
            $"DICOM element (0010,0020) at byte {Find(tooLong, 0x0010, 0x0020)}: a value of 1026 bytes where a short text is expected",
            Refusal(tooLong));
    }

    [Fact]
    public void A_number_with_another_vr_is_refused_naming_it()
    {
        var bytes = TestDicom.Filled(4, 3, (x, y) => x).ToBytes();
        var rows = Find(bytes, 0x0028, 0x0010);
        bytes[rows + 4] = (byte)'S';

        Assert.Equal($"DICOM element (0028,0010) at byte {rows}: expected one US value (2 bytes), found SS of 2 bytes", Refusal(bytes));
    }

    [Theory]
    [InlineData(true, "found US of 4 bytes")]
    [InlineData(false, "found a value of 4 bytes")]
    public void A_number_of_two_values_is_refused_naming_its_length(bool explicitVr, string found)
    {
        // Columns with VM 2, placed before the file's own elements; Implicit VR has no VR to name.
        var image = (TestDicom.Filled(4, 3, (x, y) => x) with { ExplicitVr = explicitVr }).ToBytes();
        var columns = explicitVr ? Element(0x0028, 0x0011, "US", [4, 0, 4, 0]) : [.. Implicit(0x0028, 0x0011, 4), 4, 0, 4, 0];
        var at = Find(image, 0x0008, 0x103E);

        Assert.Equal(
            $"DICOM element (0028,0011) at byte {at}: expected one US value (2 bytes), {found}",
            Refusal(InsertBefore(image, 0x0008, 0x103E, columns)));
    }
}
