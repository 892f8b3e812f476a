using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;

namespace Mammo.Rois.Dicom;

/// <summary>
/// Parses one DICOM Part 10 stream: the group-2 meta header (always Explicit VR Little Endian), then the data set in
/// Explicit or Implicit VR Little Endian up to Pixel Data. Every length is checked against what is left of the stream
/// before it is used, so a lying length is an error, never a read out of range or a huge allocation.
/// </summary>
internal sealed class DicomDecoderCore
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    // Values of the attributes read are short (UIDs 64, LO 64, DS 16 characters); a longer one is damage.
    private const int MaximumTextValue = 1024;

    private readonly Stream stream;
    private readonly string path;
    private readonly DicomDecoderOptions options;
    private readonly long length;
    private readonly byte[] scratch = new byte[MaximumTextValue];
    private readonly Dictionary<DicomTag, string> texts = [];
    private readonly Dictionary<DicomTag, long> textOffsets = [];
    private readonly Dictionary<DicomTag, int> numbers = [];

    public DicomDecoderCore(Stream stream, string path, DicomDecoderOptions options)
    {
        this.stream = stream;
        this.path = path;
        this.options = options;
        length = stream.Length;
    }

    private long Position => stream.Position;

    public DicomImage Decode()
    {
        ReadPreamble();
        var syntax = ReadMetaHeader();
        if (!syntax.IsReadable)
        {
            DicomThrowHelper.UnsupportedTransferSyntax(path, syntax);
        }

        var pixelLength = ReadDataSet(syntax.IsExplicitVr);
        return BuildImage(syntax, pixelLength);
    }

    private void ReadPreamble()
    {
        if (length < 132)
        {
            DicomThrowHelper.NotPart10(path);
        }

        stream.Position = 128;
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        if (!magic.SequenceEqual("DICM"u8))
        {
            DicomThrowHelper.NotPart10(path);
        }
    }

    private DicomTransferSyntax ReadMetaHeader()
    {
        string? uid = null;
        while (Position + 4 <= length && PeekGroup() == 0x0002)
        {
            var element = ReadElementHeader(explicitVr: true);
            if (element.Undefined)
            {
                DicomThrowHelper.BadElement(path, element.Tag, element.Offset, "a meta header element of undefined length");
            }

            if (element.Tag == DicomTag.TransferSyntaxUid)
            {
                uid = ReadText(element);
            }
            else
            {
                Skip(element);
            }
        }

        if (string.IsNullOrEmpty(uid))
        {
            DicomThrowHelper.Missing(path, DicomTag.TransferSyntaxUid, "Transfer Syntax UID");
        }

        return DicomTransferSyntax.FromUid(uid);
    }

    /// <summary>Reads the top-level data set up to Pixel Data; returns the pixel data's length, the stream at its first byte.</summary>
    private uint ReadDataSet(bool explicitVr)
    {
        while (Position < length)
        {
            var element = ReadElementHeader(explicitVr);
            if (element.Tag == DicomTag.PixelData)
            {
                if (element.Undefined)
                {
                    DicomThrowHelper.BadElement(path, element.Tag, element.Offset, "encapsulated (compressed) pixel data in an uncompressed transfer syntax");
                }

                CheckFits(element);
                return element.Length;
            }

            if (element.Tag.Group == 0xFFFE)
            {
                DicomThrowHelper.BadElement(path, element.Tag, element.Offset, "an item or delimiter outside any sequence");
            }

            if (element.Undefined)
            {
                SkipUndefined(element, explicitVr, 1);
            }
            else if (IsRead(element.Tag))
            {
                Store(element);
            }
            else
            {
                Skip(element);
            }
        }

        DicomThrowHelper.Missing(path, DicomTag.PixelData, "Pixel Data");
        return 0;
    }

    private static bool IsRead(DicomTag tag) =>
        tag == DicomTag.SopInstanceUid || tag == DicomTag.SeriesDescription || tag == DicomTag.PatientId
        || tag == DicomTag.StudyInstanceUid || tag == DicomTag.SeriesInstanceUid || tag == DicomTag.PhotometricInterpretation
        || tag == DicomTag.RescaleIntercept || tag == DicomTag.RescaleSlope || IsNumber(tag);

    private static bool IsNumber(DicomTag tag) =>
        tag == DicomTag.SamplesPerPixel || tag == DicomTag.Rows || tag == DicomTag.Columns || tag == DicomTag.BitsAllocated
        || tag == DicomTag.BitsStored || tag == DicomTag.HighBit || tag == DicomTag.PixelRepresentation;

    private void Store(Element element)
    {
        if (!IsNumber(element.Tag))
        {
            texts[element.Tag] = ReadText(element);
            textOffsets[element.Tag] = element.Offset;
            return;
        }

        // US, VM 1. Implicit VR gives no VR to check; the length must still be that of one unsigned short.
        if (element.Vr is not (null or "US") || element.Length != 2)
        {
            DicomThrowHelper.BadElement(path, element.Tag, element.Offset, $"expected one US value (2 bytes), found {element.Vr ?? "a value"} of {element.Length} bytes");
        }

        Span<byte> value = stackalloc byte[2];
        ReadExactly(value, element.Offset, "the value");
        numbers[element.Tag] = BinaryPrimitives.ReadUInt16LittleEndian(value);
    }

    /// <summary>Skips an element of undefined length: a sequence (SQ, or UN holding Implicit VR items), else an error.</summary>
    private void SkipUndefined(Element element, bool explicitVr, int depth)
    {
        if (explicitVr && element.Vr is not ("SQ" or "UN"))
        {
            DicomThrowHelper.BadElement(path, element.Tag, element.Offset, $"undefined length on a {element.Vr} element (only sequences may have one)");
        }

        // A UN element of undefined length holds a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2).
        SkipSequence(explicitVr && element.Vr == "SQ", depth);
    }

    /// <summary>Skips the items of an undefined-length sequence up to and including its sequence delimiter.</summary>
    private void SkipSequence(bool explicitVr, int depth)
    {
        if (depth > options.MaximumSequenceDepth)
        {
            DicomThrowHelper.Format(path, $"DICOM sequences nest deeper than {options.MaximumSequenceDepth} levels at byte {Position}");
        }

        while (true)
        {
            var offset = Position;
            var (tag, itemLength) = ReadItemHeader();
            if (tag == DicomTag.SequenceDelimitation)
            {
                if (itemLength != 0)
                {
                    DicomThrowHelper.BadElement(path, tag, offset, $"a sequence delimiter of length {itemLength} (must be 0)");
                }

                return;
            }

            if (tag != DicomTag.Item)
            {
                DicomThrowHelper.BadElement(path, tag, offset, "expected an item or a sequence delimiter inside a sequence");
            }

            if (itemLength != UndefinedLength)
            {
                Skip(new Element(tag, null, itemLength, offset));
                continue;
            }

            SkipItem(explicitVr, depth);
        }
    }

    /// <summary>Skips the elements of an undefined-length item up to and including its item delimiter.</summary>
    private void SkipItem(bool explicitVr, int depth)
    {
        while (true)
        {
            if (Position + 4 > length)
            {
                DicomThrowHelper.Truncated(path, Position, "an item without its item delimiter");
            }

            if (PeekGroup() == 0xFFFE)
            {
                var offset = Position;
                var (tag, itemLength) = ReadItemHeader();
                if (tag != DicomTag.ItemDelimitation || itemLength != 0)
                {
                    DicomThrowHelper.BadElement(path, tag, offset, "expected an item's elements or its item delimiter (of length 0)");
                }

                return;
            }

            var element = ReadElementHeader(explicitVr);
            if (element.Undefined)
            {
                SkipUndefined(element, explicitVr, depth + 1);
            }
            else
            {
                Skip(element);
            }
        }
    }

    private (DicomTag Tag, uint Length) ReadItemHeader()
    {
        Span<byte> header = stackalloc byte[8];
        ReadExactly(header, Position, "an item header");
        return (ReadTag(header), BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));
    }

    private Element ReadElementHeader(bool explicitVr)
    {
        var offset = Position;
        Span<byte> header = stackalloc byte[12];
        ReadExactly(header[..8], offset, "an element header");
        var tag = ReadTag(header);
        if (tag.Group == 0xFFFE || !explicitVr)
        {
            // Items and delimiters have no VR, even in Explicit VR.
            var implicitLength = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            return Checked(new Element(tag, null, implicitLength, offset));
        }

        var vr0 = header[4];
        var vr1 = header[5];
        if (vr0 is < (byte)'A' or > (byte)'Z' || vr1 is < (byte)'A' or > (byte)'Z')
        {
            DicomThrowHelper.BadElement(path, tag, offset, $"the VR bytes 0x{vr0:X2} 0x{vr1:X2} are not a value representation");
        }

        var vr = string.Create(2, (vr0, vr1), (span, v) => (span[0], span[1]) = ((char)v.vr0, (char)v.vr1));
        if (IsLongVr(vr))
        {
            ReadExactly(header[8..12], offset, "an element header");
            return Checked(new Element(tag, vr, BinaryPrimitives.ReadUInt32LittleEndian(header[8..]), offset));
        }

        if (!IsShortVr(vr))
        {
            DicomThrowHelper.BadElement(path, tag, offset, $"'{vr}' is not a DICOM value representation");
        }

        return Checked(new Element(tag, vr, BinaryPrimitives.ReadUInt16LittleEndian(header[6..]), offset));
    }

    private Element Checked(Element element)
    {
        // Values have even lengths (PS3.5 7.1.1); an odd one means the header is damaged or lies.
        if (!element.Undefined && element.Length % 2 != 0)
        {
            DicomThrowHelper.BadElement(path, element.Tag, element.Offset, $"odd value length {element.Length} (DICOM values have even lengths)");
        }

        return element;
    }

    private static bool IsLongVr(string vr) => vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "SV" or "UC" or "UN" or "UR" or "UT" or "UV";

    private static bool IsShortVr(string vr) =>
        vr is "AE" or "AS" or "AT" or "CS" or "DA" or "DS" or "DT" or "FD" or "FL" or "IS" or "LO" or "LT" or "PN" or "SH" or "SL"
            or "SS" or "ST" or "TM" or "UI" or "UL" or "US";

    private static DicomTag ReadTag(ReadOnlySpan<byte> header) =>
        new(BinaryPrimitives.ReadUInt16LittleEndian(header), BinaryPrimitives.ReadUInt16LittleEndian(header[2..]));

    private ushort PeekGroup()
    {
        // Both callers have checked that a whole tag is left.
        Span<byte> group = stackalloc byte[2];
        var at = Position;
        stream.ReadExactly(group);
        stream.Position = at;
        return BinaryPrimitives.ReadUInt16LittleEndian(group);
    }

    private void CheckFits(Element element)
    {
        if (Position + (long)element.Length > length)
        {
            DicomThrowHelper.Truncated(path, element.Offset, $"element {element.Tag} of {element.Length} bytes");
        }
    }

    private void Skip(Element element)
    {
        CheckFits(element);
        stream.Seek(element.Length, SeekOrigin.Current);
    }

    private string ReadText(Element element)
    {
        if (element.Length > MaximumTextValue)
        {
            DicomThrowHelper.BadElement(path, element.Tag, element.Offset, $"a value of {element.Length} bytes where a short text is expected");
        }

        CheckFits(element);
        var value = scratch.AsSpan(0, (int)element.Length);
        stream.ReadExactly(value); // CheckFits has refused a value that runs past the end, naming the element

        // Texts are padded to even length with a space (UIDs with a NUL); Latin-1 keeps every byte a character.
        return Encoding.Latin1.GetString(value).TrimEnd(' ', '\0').TrimStart(' ');
    }

    private void ReadExactly(Span<byte> buffer, long offset, string what)
    {
        if (Position + buffer.Length > length)
        {
            DicomThrowHelper.Truncated(path, offset, what);
        }

        stream.ReadExactly(buffer);
    }

    private int Number(DicomTag tag, string name) =>
        numbers.TryGetValue(tag, out var value) ? value : throw new RoiFormatException(path, $"the DICOM file has no {name} {tag}, which an image needs");

    private double Decimal(DicomTag tag, double fallback)
    {
        if (!texts.TryGetValue(tag, out var text) || text.Length == 0)
        {
            return fallback;
        }

        // DS may be multi-valued; Rescale Slope / Intercept have one value.
        var first = text.Split('\\')[0].Trim();
        if (!double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            DicomThrowHelper.BadElement(path, tag, textOffsets[tag], $"'{text}' is not a decimal number");
        }

        return value;
    }

    private DicomImage BuildImage(DicomTransferSyntax syntax, uint pixelLength)
    {
        var rows = Number(DicomTag.Rows, "Rows");
        var columns = Number(DicomTag.Columns, "Columns");
        var samples = Number(DicomTag.SamplesPerPixel, "Samples per Pixel");
        var bitsAllocated = Number(DicomTag.BitsAllocated, "Bits Allocated");
        var bitsStored = Number(DicomTag.BitsStored, "Bits Stored");
        var highBit = numbers.TryGetValue(DicomTag.HighBit, out var h) ? h : bitsStored - 1;
        var representation = Number(DicomTag.PixelRepresentation, "Pixel Representation");
        var photometric = texts.GetValueOrDefault(DicomTag.PhotometricInterpretation, "");
        if (samples != 1)
        {
            DicomThrowHelper.Unsupported(path, $"{samples} samples per pixel");
        }

        if (photometric is not ("MONOCHROME1" or "MONOCHROME2"))
        {
            DicomThrowHelper.Unsupported(path, photometric.Length == 0 ? "without a Photometric Interpretation" : $"{photometric}");
        }

        if (bitsAllocated is not (8 or 16))
        {
            DicomThrowHelper.Unsupported(path, $"{bitsAllocated} bits allocated per pixel");
        }

        if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated)
        {
            DicomThrowHelper.Format(path, $"inconsistent bit layout: {bitsAllocated} bits allocated, {bitsStored} stored, high bit {highBit}");
        }

        if (representation is not (0 or 1))
        {
            DicomThrowHelper.Format(path, $"Pixel Representation {representation} is neither 0 (unsigned) nor 1 (signed)");
        }

        if (rows == 0 || columns == 0)
        {
            DicomThrowHelper.Format(path, $"the image is {columns} x {rows} pixels");
        }

        var count = (long)rows * columns;
        if (count > options.MaximumPixels)
        {
            DicomThrowHelper.Format(path, $"the image is {columns} x {rows} pixels, more than the {options.MaximumPixels} accepted");
        }

        var bytes = count * (bitsAllocated / 8);
        if (pixelLength < bytes)
        {
            DicomThrowHelper.Format(path, $"Pixel Data holds {pixelLength} bytes, a {columns} x {rows} image of {bitsAllocated}-bit pixels needs {bytes}");
        }

        var pixels = options.ReadPixels
            ? ReadPixels((int)count, bitsAllocated, bitsStored, highBit, representation == 1, photometric == "MONOCHROME1")
            : [];
        return new DicomImage
        {
            Path = path,
            TransferSyntax = syntax,
            Rows = rows,
            Columns = columns,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            IsSigned = representation == 1,
            SamplesPerPixel = samples,
            PhotometricInterpretation = photometric,
            RescaleSlope = Decimal(DicomTag.RescaleSlope, 1),
            RescaleIntercept = Decimal(DicomTag.RescaleIntercept, 0),
            PatientId = texts.GetValueOrDefault(DicomTag.PatientId, ""),
            SeriesDescription = texts.GetValueOrDefault(DicomTag.SeriesDescription, ""),
            SopInstanceUid = texts.GetValueOrDefault(DicomTag.SopInstanceUid, ""),
            SeriesInstanceUid = texts.GetValueOrDefault(DicomTag.SeriesInstanceUid, ""),
            StudyInstanceUid = texts.GetValueOrDefault(DicomTag.StudyInstanceUid, ""),
            Pixels = pixels,
        };
    }

    /// <summary>Reads the pixels straight into their final buffer and maps them in place (see <see cref="DicomImage"/>).</summary>
    private ushort[] ReadPixels(int count, int bitsAllocated, int bitsStored, int highBit, bool signed, bool monochrome1)
    {
        // A reusable buffer of exactly the right size saves a large-object allocation per image (masks of one full image share its size).
        var pixels = options.PixelBuffer is { } reuse && reuse.Length == count ? reuse : new ushort[count];
        if (bitsAllocated == 16)
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(pixels.AsSpan()));
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(pixels, pixels);
            }
        }
        else
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                for (var done = 0; done < count;)
                {
                    var chunk = Math.Min(buffer.Length, count - done);
                    stream.ReadExactly(buffer, 0, chunk);
                    TensorPrimitives.ConvertChecked<byte, ushort>(buffer.AsSpan(0, chunk), pixels.AsSpan(done, chunk));
                    done += chunk;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var shift = highBit + 1 - bitsStored;
        if (shift == 0 && bitsStored == bitsAllocated && !signed && !monochrome1)
        {
            // The common case (16 of 16 bits, or 8 of 8): the values are already what they should be.
            return pixels;
        }

        // Whole-buffer vector steps (SIMD, and a few checks per image rather than per pixel in a mutation run).
        var mask = (ushort)((1 << bitsStored) - 1);
        var all = pixels.AsSpan();
        TensorPrimitives.ShiftRightLogical(all, shift, all);
        TensorPrimitives.BitwiseAnd(all, mask, all);
        if (signed)
        {
            // Flipping the sign bit maps two's complement -signBit..signBit-1 onto 0..mask in order.
            TensorPrimitives.Xor(all, (ushort)(1 << (bitsStored - 1)), all);
        }

        if (monochrome1)
        {
            TensorPrimitives.Subtract(mask, all, all);
        }

        return pixels;
    }

    private readonly record struct Element(DicomTag Tag, string? Vr, uint Length, long Offset)
    {
        public bool Undefined => Length == UndefinedLength;
    }
}
