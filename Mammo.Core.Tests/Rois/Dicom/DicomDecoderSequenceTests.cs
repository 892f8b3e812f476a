using Mammo.Rois.Dicom;
using Mammo.Tests.Support;
using static Mammo.Tests.Rois.Dicom.DicomBytes;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>
/// Undefined-length sequences, items and their delimiters (PS3.5 7.5): what a well-formed nesting skips and how each
/// malformed one is refused, naming the element and its byte. After <see cref="DicomBytes.Meta"/> the data set starts
/// at byte 160, a sequence header takes 12 bytes and an item header 8.
/// </summary>
public sealed class DicomDecoderSequenceTests
{
    private const uint Undefined = 0xFFFFFFFF;

    private static readonly byte[] Sequence = Header(0x0009, 0x1010, "SQ", Undefined);

    [Fact]
    public void An_item_outside_any_sequence_is_refused()
    {
        Assert.Equal("DICOM element (FFFE,E000) at byte 160: an item or delimiter outside any sequence", Refusal([.. Meta(), .. Item(0xE000)]));
    }

    [Fact]
    public void Undefined_length_on_an_element_that_is_no_sequence_is_refused()
    {
        Assert.Equal(
            "DICOM element (0009,1010) at byte 160: undefined length on a OB element (only sequences may have one)",
            Refusal([.. Meta(), .. Header(0x0009, 0x1010, "OB", Undefined)]));
    }

    [Fact]
    public void Encapsulated_pixel_data_under_an_uncompressed_syntax_is_refused()
    {
        Assert.Equal(
            "DICOM element (7FE0,0010) at byte 160: encapsulated (compressed) pixel data in an uncompressed transfer syntax",
            Refusal([.. Meta(), .. Header(0x7FE0, 0x0010, "OB", Undefined), .. Item(0xE000), .. Item(0xE0DD)]));
    }

    [Fact]
    public void A_sequence_delimiter_with_a_length_is_refused()
    {
        Assert.Equal(
            "DICOM element (FFFE,E0DD) at byte 172: a sequence delimiter of length 2 (must be 0)",
            Refusal([.. Meta(), .. Sequence, .. Item(0xE0DD, 2), 0, 0]));
    }

    [Theory]
    [InlineData(0x0008, 0x0060)]
    [InlineData(0xFFFE, 0xE00D)]
    public void Anything_but_an_item_or_the_sequence_delimiter_inside_a_sequence_is_refused(int group, int element)
    {
        // An element (its VR and length read as an item length) or an item delimiter where an item should start.
        byte[] bytes = [.. Meta(), .. Sequence, .. Element((ushort)group, (ushort)element, "CS", "MG"u8.ToArray())];

        Assert.Equal(
            $"DICOM element ({group:X4},{element:X4}) at byte 172: expected an item or a sequence delimiter inside a sequence",
            Refusal(bytes));
    }

    [Fact]
    public void An_item_ending_with_the_file_lacks_its_delimiter()
    {
        // The item's one element ends exactly at the end of the file (byte 190).
        byte[] bytes = [.. Meta(), .. Sequence, .. Item(0xE000, Undefined), .. Element(0x0008, 0x0060, "CS", "MG"u8.ToArray())];

        Assert.Equal("is a truncated DICOM file: an item without its item delimiter at byte 190 runs past the end of the file", Refusal(bytes));
    }

    [Fact]
    public void An_item_delimiter_cut_after_its_tag_is_a_cut_item_header()
    {
        // Four bytes are left at byte 180: enough for a tag, not for the 8-byte delimiter.
        byte[] bytes = [.. Meta(), .. Sequence, .. Item(0xE000, Undefined), .. Item(0xE00D)[..4]];

        Assert.Equal("is a truncated DICOM file: an item header at byte 180 runs past the end of the file", Refusal(bytes));
    }

    [Theory]
    [InlineData(0xE000, 0u)]
    [InlineData(0xE00D, 2u)]
    public void Inside_an_item_only_elements_or_an_empty_item_delimiter_may_follow(int element, uint length)
    {
        byte[] bytes = [.. Meta(), .. Sequence, .. Item(0xE000, Undefined), .. Item((ushort)element, length), 0, 0, .. Item(0xE0DD)];

        Assert.Equal(
            $"DICOM element (FFFE,{element:X4}) at byte 180: expected an item's elements or its item delimiter (of length 0)",
            Refusal(bytes));
    }

    [Fact]
    public void Nested_sequences_are_skipped_up_to_the_allowed_depth_and_refused_beyond()
    {
        // A sequence in an item of a sequence: depth 2. The inner sequence's header ends 32 bytes after the outer's start.
        var image = TestDicom.Filled(4, 3, (x, y) => x + (10 * y));
        var plain = image.ToBytes();
        var at = Find(plain, 0x0008, 0x103E);
        byte[][] nested =
        [
            Sequence, Item(0xE000, Undefined), Header(0x0009, 0x1011, "SQ", Undefined), Item(0xE000, 2), [7, 7], Item(0xE0DD),
            Element(0x0009, 0x1012, "LO", "AB"u8.ToArray()), Item(0xE00D), Item(0xE000, 0), Item(0xE0DD),
        ];
        var bytes = InsertBefore(plain, 0x0008, 0x103E, nested);

        var read = Decode(bytes, new DicomDecoderOptions { MaximumSequenceDepth = 2 });
        Assert.Equal(image.Values, read.Pixels.Select(p => (int)p));
        Assert.Equal(
            $"DICOM sequences nest deeper than 1 levels at byte {at + 32}",
            Refusal(bytes, new DicomDecoderOptions { MaximumSequenceDepth = 1 }));
    }

    [Fact]
    public void A_sequence_in_implicit_vr_is_skipped_item_by_item()
    {
        // Implicit VR has no VR: undefined length alone marks the sequence, its items are read in Implicit VR too.
        var image = TestDicom.Filled(4, 3, (x, y) => x + (10 * y)) with { ExplicitVr = false };
        var bytes = InsertBefore(
            image.ToBytes(),
            0x0008,
            0x103E,
            Implicit(0x0009, 0x1010, Undefined),
            Item(0xE000, Undefined),
            Implicit(0x0009, 0x1011, 2),
            [1, 2],
            Item(0xE00D),
            Item(0xE0DD));

        Assert.Equal(image.Values, Decode(bytes).Pixels.Select(p => (int)p));
    }
}
