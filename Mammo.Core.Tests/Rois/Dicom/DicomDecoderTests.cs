using System.Text.Json;
using Mammo.Rois;
using Mammo.Rois.Dicom;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>The DICOM reader against files written by pydicom and DCMTK (Fixtures/Dicom/make_fixtures.py).</summary>
public sealed class DicomDecoderTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Dicom");
    private static readonly JsonElement Expected =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "expected.json"))).RootElement;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    public static TheoryData<string> Readable() =>
        ["explicit_le_u16.dcm", "implicit_le_u16.dcm", "monochrome1_u16.dcm", "signed_s16_rescale.dcm", "explicit_le_u8.dcm",
            "sequence_explicit.dcm", "sequence_implicit.dcm"];

    [Theory]
    [MemberData(nameof(Readable))]
    public void Reads_what_pydicom_reads(string name)
    {
        var expected = Expected.GetProperty(name);
        var image = DicomDecoder.Decode(Path.Combine(Fixtures, name));

        Assert.Equal(expected.GetProperty("transferSyntax").GetString(), image.TransferSyntax.Uid);
        Assert.Equal(expected.GetProperty("rows").GetInt32(), image.Rows);
        Assert.Equal(expected.GetProperty("columns").GetInt32(), image.Columns);
        Assert.Equal(expected.GetProperty("bitsAllocated").GetInt32(), image.BitsAllocated);
        Assert.Equal(expected.GetProperty("bitsStored").GetInt32(), image.BitsStored);
        Assert.Equal(expected.GetProperty("signed").GetBoolean(), image.IsSigned);
        Assert.Equal(expected.GetProperty("photometric").GetString(), image.PhotometricInterpretation);
        Assert.Equal(expected.GetProperty("slope").GetDouble(), image.RescaleSlope);
        Assert.Equal(expected.GetProperty("intercept").GetDouble(), image.RescaleIntercept);
        Assert.Equal(expected.GetProperty("patientId").GetString(), image.PatientId);
        Assert.Equal(expected.GetProperty("seriesDescription").GetString(), image.SeriesDescription);
        Assert.Equal(expected.GetProperty("sopInstanceUid").GetString(), image.SopInstanceUid);
        Assert.Equal(expected.GetProperty("seriesInstanceUid").GetString(), image.SeriesInstanceUid);
        Assert.Equal(expected.GetProperty("studyInstanceUid").GetString(), image.StudyInstanceUid);
        var stored = expected.GetProperty("stored").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(stored, image.Pixels.Select(image.ToStored).ToArray());
    }

    [Fact]
    public void Monochrome1_is_inverted_into_monochrome2s_sense()
    {
        var normal = DicomDecoder.Decode(Path.Combine(Fixtures, "explicit_le_u16.dcm"));
        var inverted = DicomDecoder.Decode(Path.Combine(Fixtures, "monochrome1_u16.dcm"));

        // Same stored values; MONOCHROME1 shows high values dark, so its pixels come out as 4095 - stored.
        Assert.Equal(normal.Pixels.Select(p => (ushort)(4095 - p)), inverted.Pixels);
    }

    [Fact]
    public void Signed_values_keep_their_order_and_rescale_gives_the_modality_value()
    {
        var image = DicomDecoder.Decode(Path.Combine(Fixtures, "signed_s16_rescale.dcm"));
        var stored = Expected.GetProperty("signed_s16_rescale.dcm").GetProperty("stored").EnumerateArray().Select(v => v.GetInt32()).ToArray();

        Assert.Contains(stored, v => v < 0);
        Assert.Equal(stored.Select(v => (ushort)(v + 32768)), image.Pixels);
        Assert.Equal((0.5 * stored[5]) - 100, image.ToModality(image.Pixels[5]));
    }

    [Theory]
    [InlineData("jpeg_baseline.dcm", "1.2.840.10008.1.2.4.50", "JPEG Baseline")]
    [InlineData("big_endian.dcm", "1.2.840.10008.1.2.2", "Explicit VR Big Endian")]
    [InlineData("deflated.dcm", "1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian")]
    public void Other_transfer_syntaxes_are_refused_by_uid_and_name(string name, string uid, string syntaxName)
    {
        var path = Path.Combine(Fixtures, name);
        Assert.Equal(uid, Expected.GetProperty(name).GetProperty("transferSyntax").GetString());

        var error = Assert.Throws<RoiFormatException>(() => DicomDecoder.Decode(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(uid, error.Message);
        Assert.Contains(syntaxName, error.Message);
    }

    [Fact]
    public void Header_only_reads_sizes_and_identifiers_without_pixels()
    {
        var image = DicomDecoder.Decode(Path.Combine(Fixtures, "sequence_explicit.dcm"), DicomDecoderOptions.HeaderOnly);

        Assert.Equal((32, 24), (image.Columns, image.Rows));
        Assert.Equal("1.3.6.1.4.1.9590.100.1.2.2", image.SeriesInstanceUid);
        Assert.Empty(image.Pixels);
    }

    [Fact]
    public void A_dcm_file_is_a_roi_for_predict_scaled_over_its_whole_range()
    {
        var roi = RoiReader.Read(Path.Combine(Fixtures, "implicit_le_u16.dcm"), RoiOptions.Default);

        Assert.Equal((32, 24), (roi.Width, roi.Height));
        Assert.Equal(0f, roi.Pixels.Min());
        Assert.Equal(1f, roi.Pixels.Max());
        Assert.Null(roi.Lesion);
    }

    [Fact]
    public void Truncated_pixel_data_names_the_file()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures, "explicit_le_u16.dcm"));
        var path = directory.File("cut.dcm");
        File.WriteAllBytes(path, bytes[..^100]);

        var error = Assert.Throws<RoiFormatException>(() => DicomDecoder.Decode(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void An_odd_or_lying_element_length_is_refused()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures, "explicit_le_u16.dcm"));
        var at = IndexOf(bytes, [0x10, 0x00, 0x20, 0x00, (byte)'L', (byte)'O']);
        var odd = (byte[])bytes.Clone();
        odd[at + 6] = 29;
        var lying = (byte[])bytes.Clone();
        var modality = IndexOf(bytes, [0x08, 0x00, 0x60, 0x00, (byte)'C', (byte)'S']);
        lying[modality + 6] = 0xFE;
        lying[modality + 7] = 0xFF;
        var lyingRead = (byte[])bytes.Clone();
        lyingRead[at + 6] = 0xFE;
        lyingRead[at + 7] = 0xFF;

        Assert.Contains("odd value length", Refusal(odd));
        Assert.Contains("truncated", Refusal(lying));
        Assert.Contains("where a short text is expected", Refusal(lyingRead));
    }

    [Fact]
    public void A_file_without_the_dicm_marker_is_not_dicom()
    {
        Assert.Contains("not a DICOM Part 10 file", Refusal(new byte[400]));
        Assert.Contains("not a DICOM Part 10 file", Refusal([1, 2, 3]));
    }

    [Fact]
    public void Colour_and_odd_bit_depths_are_refused_by_what_they_are()
    {
        var eight = TestDicom.Filled(20, 20, (x, y) => x + y, bits: 8);

        Assert.Contains("MONOCHROME3", Refusal(eight with { Photometric = "MONOCHROME3" }));
        Assert.Contains("1.2.840.10008.1.2.4.90", Refusal(eight with { CompressedSyntax = "1.2.840.10008.1.2.4.90" }));
    }

    [Fact]
    public void The_test_writer_round_trips_both_vr_kinds()
    {
        var explicitFile = TestDicom.Filled(30, 20, (x, y) => (x * 1000) + y) with { PatientId = "P", SeriesDescription = "cropped images" };
        foreach (var dicom in new[] { explicitFile, explicitFile with { ExplicitVr = false } })
        {
            var image = DicomDecoder.Decode(dicom.Write(directory.File("w.dcm")));
            Assert.Equal(dicom.Values, image.Pixels.Select(p => (int)p));
            Assert.Equal("cropped images", image.SeriesDescription);
        }
    }

    [Fact]
    public void Every_value_representation_of_the_standard_is_read_with_its_own_length_field()
    {
        // PS3.5 table 7.1-1: a private element of each VR before the image; the long ones carry a 32-bit length. A VR
        // read with the wrong header size would shift every later element.
        var image = TestDicom.Filled(4, 3, (x, y) => x + (10 * y));
        foreach (var vr in "AE AS AT CS DA DS DT FD FL IS LO LT PN SH SL SS ST TM UI UL US OB OD OF OL OV OW SQ SV UC UN UR UT UV".Split(' '))
        {
            var dicom = image with { Extra = [(0x0009, 0x1010, vr, vr == "SQ" ? [] : [1, 2, 3, 4]), (0x0009, 0x1011, "LO", "AB"u8.ToArray())] };
            Assert.Equal(dicom.Values, DicomDecoder.Decode(dicom.Write(directory.File($"{vr}.dcm"))).Pixels.Select(p => (int)p));
        }
    }

    [Theory]
    [InlineData("ZZ", "'ZZ' is not a DICOM value representation")]
    [InlineData("AZ", "'AZ' is not a DICOM value representation")]
    [InlineData("@A", "the VR bytes 0x40 0x41 are not a value representation")]
    [InlineData("A[", "the VR bytes 0x41 0x5B are not a value representation")]
    [InlineData("ab", "the VR bytes 0x61 0x62 are not a value representation")]
    public void A_value_representation_outside_the_standard_is_refused_naming_its_bytes(string vr, string reason)
    {
        var dicom = TestDicom.Filled(4, 3, (x, y) => x) with { Extra = [(0x0009, 0x1010, vr, [1, 2, 3, 4])] };
        var message = Refusal(dicom);
        Assert.Contains(reason, message);
        Assert.Contains("(0009,1010)", message);
    }

    private string Refusal(TestDicom dicom) => Refusal(dicom.ToBytes());

    private string Refusal(byte[] bytes)
    {
        var path = directory.File("bad.dcm");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<RoiFormatException>(() => DicomDecoder.Decode(path));
        Assert.Equal(path, error.FilePath);
        return error.Message;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidOperationException("pattern not found");
    }
}
