using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mammo.Rois;

/// <summary>
/// Decodes non-interlaced 8-bit and 16-bit grey PNG files, and encodes grey ones: the forms ROI crops come in.
/// </summary>
/// <remarks>
/// Colour PNGs (RGB, RGBA, grey with alpha) whose colour channels are equal in every pixel are grey images stored as
/// colour, as real mammogram crops often are: they are read as grey and the alpha channel is ignored. A colour PNG with
/// any pixel whose channels differ is true colour and is refused with a <see cref="RoiFormatException"/> naming that pixel.
/// </remarks>
/// <remarks>
/// Hand-written on purpose: SkiaSharp (already loaded by ML.NET) reduces 16-bit PNGs to 8 bits and cannot write them,
/// and the served ImageSharp version has known security flaws with crafted images. Grayscale PNG is small: chunks with
/// CRCs, one zlib stream, five row filters.
/// </remarks>
internal static class PngGrayscale
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Decodes a grayscale PNG into samples (0..255 or 0..65535).</summary>
    public static (int Width, int Height, int BitDepth, float[] Samples) Decode(string path, ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length + 25 || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new RoiFormatException(path, "is not a PNG file (no PNG signature)");
        }

        int width = 0, height = 0, bitDepth = 0, colourType = 0;
        var crcTable = BuildCrcTable();
        var compressed = new MemoryStream();
        var sawHeader = false;
        var sawEnd = false;
        var offset = Signature.Length;
        while (!sawEnd)
        {
            if (offset + 12 > png.Length)
            {
                throw new RoiFormatException(path, "is a truncated PNG file (it ends before its IEND chunk)");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            if (length > int.MaxValue || offset + 12 + (long)length > png.Length)
            {
                throw new RoiFormatException(path, "is a truncated PNG file (a chunk runs past the end of the file)");
            }

            var type = png.Slice(offset + 4, 4);
            var data = png.Slice(offset + 8, (int)length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]);
            if (Crc(crcTable, png.Slice(offset + 4, 4 + (int)length)) != storedCrc)
            {
                throw new RoiFormatException(path, $"is a damaged PNG file (CRC mismatch in chunk '{Encoding.ASCII.GetString(type)}')");
            }

            switch (Encoding.ASCII.GetString(type))
            {
                case "IHDR":
                    (width, height, bitDepth, colourType) = ReadHeader(path, data);
                    sawHeader = true;
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + (int)length;
        }

        if (!sawHeader)
        {
            throw new RoiFormatException(path, "is a PNG file without an IHDR chunk");
        }

        return (width, height, bitDepth, Inflate(path, compressed, width, height, bitDepth, colourType));
    }

    /// <summary>Encodes samples as a grayscale PNG of the given bit depth (8 or 16).</summary>
    public static byte[] Encode(int width, int height, int bitDepth, ReadOnlySpan<ushort> samples)
    {
        var bytesPerSample = bitDepth / 8;
        var stride = width * bytesPerSample;
        var raw = new byte[(stride + 1) * height];
        for (var y = 0; y < height; y++)
        {
            var row = raw.AsSpan(y * (stride + 1) + 1, stride);
            for (var x = 0; x < width; x++)
            {
                var v = samples[y * width + x];
                if (bytesPerSample == 1)
                {
                    row[x] = (byte)v;
                }
                else
                {
                    BinaryPrimitives.WriteUInt16BigEndian(row[(2 * x)..], v);
                }
            }
        }

        var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        var output = new MemoryStream();
        var crcTable = BuildCrcTable();
        output.Write(Signature);
        WriteChunk(output, crcTable, "IHDR", header);
        WriteChunk(output, crcTable, "IDAT", zlib.ToArray());
        WriteChunk(output, crcTable, "IEND", []);
        return output.ToArray();
    }

    private static (int Width, int Height, int BitDepth, int ColourType) ReadHeader(string path, ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new RoiFormatException(path, "is a damaged PNG file (IHDR chunk of the wrong length)");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int bitDepth = data[8], colourType = data[9], interlace = data[12];
        if (colourType is not (0 or 2 or 4 or 6))
        {
            var kind = colourType == 3 ? "palette" : $"colour type {colourType}";
            throw new RoiFormatException(path, $"is a {kind} PNG; ROI crops must be grey (or grey stored as RGB, RGBA or grey with alpha)");
        }

        if (bitDepth is not (8 or 16))
        {
            throw new RoiFormatException(path, $"is a {bitDepth}-bit {Kind(colourType)} PNG; 8-bit and 16-bit are supported");
        }

        if (interlace != 0)
        {
            throw new RoiFormatException(path, "is an interlaced PNG; re-save it without interlacing");
        }

        RoiImage.CheckSize(path, width, height);
        return ((int)width, (int)height, bitDepth, colourType);
    }

    private static string Kind(int colourType) => colourType switch { 2 => "RGB", 4 => "grey with alpha", 6 => "RGBA", _ => "grey" };

    /// <summary>Samples per pixel of a colour type: grey, RGB, grey + alpha, RGBA.</summary>
    private static int Channels(int colourType) => colourType switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };

    private static float[] Inflate(string path, MemoryStream compressed, int width, int height, int bitDepth, int colourType)
    {
        var bytesPerSample = bitDepth / 8;
        var channels = Channels(colourType);
        var bytesPerPixel = bytesPerSample * channels;
        var stride = width * bytesPerPixel;

        // Inflated one scanline at a time: memory stays at two lines whatever the colour type.
        var line = new byte[stride + 1];
        var samples = new float[width * height];
        var previous = new byte[stride];
        var current = new byte[stride];
        compressed.Position = 0;
        using var z = new ZLibStream(compressed, CompressionMode.Decompress);
        for (var y = 0; y < height; y++)
        {
            try
            {
                z.ReadExactly(line);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new RoiFormatException(path, "is a damaged PNG file (its compressed pixel data is truncated or corrupt)", e);
            }

            Unfilter(path, line[0], line.AsSpan(1), previous, current, bytesPerPixel);
            for (var x = 0; x < width; x++)
            {
                var pixel = current.AsSpan(x * bytesPerPixel, bytesPerPixel);
                var grey = Sample(pixel, 0, bytesPerSample);
                if (channels >= 3 && (Sample(pixel, 1, bytesPerSample) != grey || Sample(pixel, 2, bytesPerSample) != grey))
                {
                    throw new RoiFormatException(
                        path, $"is a true-colour {Kind(colourType)} PNG (pixel ({x}, {y}) has R, G, B = {grey}, {Sample(pixel, 1, bytesPerSample)}, {Sample(pixel, 2, bytesPerSample)}); ROI crops must be grey, or colour with equal channels");
                }

                samples[y * width + x] = grey;
            }

            (previous, current) = (current, previous);
        }

        return samples;
    }

    /// <summary>Undoes one scanline's filter; the filter type is read once per scanline, as the PNG format defines it.</summary>
    private static void Unfilter(string path, byte filter, ReadOnlySpan<byte> line, byte[] previous, byte[] current, int bpp)
    {
        var up = previous.AsSpan(0, line.Length);
        var output = current.AsSpan(0, line.Length);
        var first = Math.Min(bpp, line.Length);
        switch (filter)
        {
            case 0:
                line.CopyTo(output);
                break;
            case 1:
                line[..first].CopyTo(output);
                for (var i = first; i < line.Length; i++)
                {
                    output[i] = (byte)(line[i] + output[i - bpp]);
                }

                break;
            case 2:
                for (var i = 0; i < line.Length; i++)
                {
                    output[i] = (byte)(line[i] + up[i]);
                }

                break;
            case 3:
                for (var i = 0; i < first; i++)
                {
                    output[i] = (byte)(line[i] + (up[i] >> 1));
                }

                for (var i = first; i < line.Length; i++)
                {
                    output[i] = (byte)(line[i] + ((output[i - bpp] + up[i]) >> 1));
                }

                break;
            case 4:
                for (var i = 0; i < first; i++)
                {
                    output[i] = (byte)(line[i] + up[i]); // Paeth(0, up, 0) is up.
                }

                for (var i = first; i < line.Length; i++)
                {
                    output[i] = (byte)(line[i] + Paeth(output[i - bpp], up[i], up[i - bpp]));
                }

                break;
            default:
                throw new RoiFormatException(path, $"is a damaged PNG file (unknown row filter {filter})");
        }
    }

    private static int Sample(ReadOnlySpan<byte> pixel, int channel, int bytesPerSample) => bytesPerSample == 1
        ? pixel[channel]
        : BinaryPrimitives.ReadUInt16BigEndian(pixel[(2 * channel)..]);

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, uint[] crcTable, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed.AsSpan(4));
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(crcTable, typed));
        output.Write(word);
    }

    private static uint Crc(uint[] crcTable, ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    /// <summary>
    /// The CRC-32 table, built per call (256 entries, microseconds) rather than once in a static field: a mutation test
    /// host initialises static fields once, so a mutant in the table would never be exercised.
    /// </summary>
    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            foreach (var _ in Enumerable.Range(0, 8)) // not a counted loop: a mutated counter would spin every PNG test
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
