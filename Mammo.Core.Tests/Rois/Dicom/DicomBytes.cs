using System.Buffers.Binary;
using System.Text;
using Mammo.Rois.Dicom;
using Mammo.Tests.Support;

namespace Mammo.Tests.Rois.Dicom;

/// <summary>
/// Byte-level edits of DICOM files for the reader's refusal tests: raw headers, items and delimiters that
/// <see cref="TestDicom"/> does not write, spliced into its files or into a bare meta header. Everything stays in memory.
/// </summary>
internal static class DicomBytes
{
    public const string ExplicitLittleEndian = "1.2.840.10008.1.2.1";

    /// <summary>The name used in errors: the tests decode from memory.</summary>
    public const string Name = "mem.dcm";

    /// <summary>
    /// Preamble, "DICM" and one meta element, the transfer syntax UID: 160 bytes for Explicit VR Little Endian
    /// (the UID is 19 characters and a NUL), so a data set appended to it starts at byte 160.
    /// </summary>
    public static byte[] Meta(string syntax = ExplicitLittleEndian)
    {
        var uid = Encoding.ASCII.GetBytes(syntax);
        return [.. new byte[128], .. "DICM"u8, .. Element(0x0002, 0x0010, "UI", uid.Length % 2 == 0 ? uid : [.. uid, 0])];
    }

    /// <summary>An Explicit VR element: header (8 bytes, or 12 for the VRs with a 32-bit length) and value.</summary>
    public static byte[] Element(ushort group, ushort element, string vr, byte[] value) =>
        [.. Header(group, element, vr, (uint)value.Length), .. value];

    /// <summary>An Explicit VR element header claiming <paramref name="length"/> bytes.</summary>
    public static byte[] Header(ushort group, ushort element, string vr, uint length)
    {
        var header = new byte[IsLong(vr) ? 12 : 8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (IsLong(vr))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), (ushort)length);
        }

        return header;
    }

    /// <summary>An 8-byte header with a 32-bit length: Implicit VR elements, items and delimiters (group FFFE).</summary>
    public static byte[] Implicit(ushort group, ushort element, uint length)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), element);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length);
        return header;
    }

    /// <summary>An item (E000), item delimiter (E00D) or sequence delimiter (E0DD) header.</summary>
    public static byte[] Item(ushort element, uint length = 0) => Implicit(0xFFFE, element, length);

    /// <summary>The offset of the first occurrence of this tag's four bytes after the preamble: in the small test files no value holds them before the element itself.</summary>
    public static int Find(byte[] bytes, ushort group, ushort element)
    {
        Span<byte> tag = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(tag, group);
        BinaryPrimitives.WriteUInt16LittleEndian(tag[2..], element);
        var at = bytes.AsSpan(132).IndexOf(tag);
        return at < 0 ? throw new InvalidOperationException($"no ({group:X4},{element:X4}) in the test file") : 132 + at;
    }

    /// <summary>The file with <paramref name="parts"/> inserted just before the element <paramref name="group"/>,<paramref name="element"/>.</summary>
    public static byte[] InsertBefore(byte[] bytes, ushort group, ushort element, params byte[][] parts)
    {
        var at = Find(bytes, group, element);
        return [.. bytes[..at], .. parts.SelectMany(p => p), .. bytes[at..]];
    }

    /// <summary>Moves the element into private group 0029, which the reader skips: the file then lacks that attribute.</summary>
    public static byte[] Remove(byte[] bytes, ushort group, ushort element)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(Find(bytes, group, element)), 0x0029);
        return copy;
    }

    /// <summary>Overwrites the 2-byte value of a US element (its value starts 8 bytes after the header in both VR kinds).</summary>
    public static byte[] SetUnsignedShort(byte[] bytes, ushort group, ushort element, ushort value)
    {
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(Find(bytes, group, element) + 8), value);
        return copy;
    }

    public static DicomImage Decode(byte[] bytes, DicomDecoderOptions? options = null) =>
        DicomDecoder.Decode(new MemoryStream(bytes), Name, options);

    /// <summary>The problem the reader reports (the message after "name: "), asserting it is a RoiFormatException naming the file.</summary>
    public static string Refusal(byte[] bytes, DicomDecoderOptions? options = null)
    {
        var error = Assert.Throws<RoiFormatException>(() => Decode(bytes, options));
        Assert.Equal(Name, error.FilePath);
        Assert.StartsWith(Name + ": ", error.Message, StringComparison.Ordinal);
        return error.Message[(Name.Length + 2)..];
    }

    private static bool IsLong(string vr) => vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV";
}
