using System.Buffers.Binary;
using System.Text;

namespace Mammo.Tests.Support;

/// <summary>
/// A tiny test-only DICOM Part 10 writer (Explicit or Implicit VR Little Endian, grayscale) for building archive trees
/// on the fly. The reader itself is checked against files written by pydicom and DCMTK (Fixtures/Dicom).
/// </summary>
public sealed record TestDicom
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Gets the stored values, row-major (only the low BitsAllocated bits are written).</summary>
    public required int[] Values { get; init; }

    public int BitsAllocated { get; init; } = 16;

    public int BitsStored { get; init; } = 16;

    public bool Signed { get; init; }

    public string Photometric { get; init; } = "MONOCHROME2";

    public bool ExplicitVr { get; init; } = true;

    /// <summary>Gets a transfer syntax to claim instead (the pixel data is then written encapsulated, as compressed files have it).</summary>
    public string? CompressedSyntax { get; init; }

    public string PatientId { get; init; } = "";

    public string SeriesDescription { get; init; } = "";

    public string SeriesUid { get; init; } = "1.2.3.4";

    public string StudyUid { get; init; } = "1.2.3";

    /// <summary>Gets extra elements written after the SOP instance UID (use group 0x0009, private, to keep tags ascending).</summary>
    public IReadOnlyList<(ushort Group, ushort Element, string Vr, byte[] Value)> Extra { get; init; } = [];

    public static TestDicom Filled(int width, int height, Func<int, int, int> value, int bits = 16) =>
        new()
        {
            Width = width,
            Height = height,
            BitsAllocated = bits,
            BitsStored = bits,
            Values = [.. Enumerable.Range(0, width * height).Select(i => value(i % width, i / width))],
        };

    public string Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, ToBytes());
        return path;
    }

    public byte[] ToBytes()
    {
        var syntax = CompressedSyntax ?? (ExplicitVr ? "1.2.840.10008.1.2.1" : "1.2.840.10008.1.2");
        var meta = new MemoryStream();
        Element(meta, true, 0x0002, 0x0001, "OB", [0, 1]);
        Element(meta, true, 0x0002, 0x0010, "UI", Text(syntax, true));
        var output = new MemoryStream();
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        Element(output, true, 0x0002, 0x0000, "UL", UInt32((uint)meta.Length));
        meta.WriteTo(output);
        var explicitVr = CompressedSyntax is not null || ExplicitVr;
        Element(output, explicitVr, 0x0008, 0x0018, "UI", Text("1.2.3.4.5", true));
        foreach (var (group, element, vr, value) in Extra)
        {
            Element(output, explicitVr, group, element, vr, value);
        }

        Element(output, explicitVr, 0x0008, 0x103E, "LO", Text(SeriesDescription, false));
        Element(output, explicitVr, 0x0010, 0x0020, "LO", Text(PatientId, false));
        Element(output, explicitVr, 0x0020, 0x000D, "UI", Text(StudyUid, true));
        Element(output, explicitVr, 0x0020, 0x000E, "UI", Text(SeriesUid, true));
        Element(output, explicitVr, 0x0028, 0x0002, "US", UInt16(1));
        Element(output, explicitVr, 0x0028, 0x0004, "CS", Text(Photometric, false));
        Element(output, explicitVr, 0x0028, 0x0010, "US", UInt16(Height));
        Element(output, explicitVr, 0x0028, 0x0011, "US", UInt16(Width));
        Element(output, explicitVr, 0x0028, 0x0100, "US", UInt16(BitsAllocated));
        Element(output, explicitVr, 0x0028, 0x0101, "US", UInt16(BitsStored));
        Element(output, explicitVr, 0x0028, 0x0102, "US", UInt16(BitsStored - 1));
        Element(output, explicitVr, 0x0028, 0x0103, "US", UInt16(Signed ? 1 : 0));
        var pixels = new byte[Values.Length * (BitsAllocated / 8)];
        for (var i = 0; i < Values.Length; i++)
        {
            if (BitsAllocated == 8)
            {
                pixels[i] = (byte)Values[i];
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(pixels.AsSpan(i * 2), (ushort)Values[i]);
            }
        }

        if (CompressedSyntax is null)
        {
            Element(output, explicitVr, 0x7FE0, 0x0010, BitsAllocated == 8 ? "OB" : "OW", pixels.Length % 2 == 0 ? pixels : [.. pixels, 0]);
        }
        else
        {
            // Encapsulated: undefined length, an empty offset table item, one fragment, a sequence delimiter.
            Header(output, true, 0x7FE0, 0x0010, "OB", 0xFFFFFFFF);
            Item(output, 0xE000, []);
            Item(output, 0xE000, [0xFF, 0xD8, 0xFF, 0xD9]);
            Item(output, 0xE0DD, []);
        }

        return output.ToArray();
    }

    private static void Item(Stream output, ushort element, byte[] value)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)value.Length);
        output.Write(header);
        output.Write(value);
    }

    private static byte[] Text(string text, bool uid)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        return bytes.Length % 2 == 0 ? bytes : [.. bytes, uid ? (byte)0 : (byte)' '];
    }

    private static byte[] UInt16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
        return bytes;
    }

    private static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static void Element(Stream output, bool explicitVr, ushort group, ushort element, string vr, byte[] value)
    {
        Header(output, explicitVr, group, element, vr, (uint)value.Length);
        output.Write(value);
    }

    private static void Header(Stream output, bool explicitVr, ushort group, ushort element, string vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        if (!explicitVr)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
            output.Write(header[..8]);
            return;
        }

        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        // PS3.5 table 7.1-1: these VRs have a reserved field and a 32-bit length; all others a 16-bit length.
        if (vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV")
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            output.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
            output.Write(header[..8]);
        }
    }
}
