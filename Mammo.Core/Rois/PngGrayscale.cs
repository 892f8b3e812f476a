using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mammo.Rois;

/// <summary>
/// Decodes and encodes non-interlaced 8-bit and 16-bit grayscale PNG files, the two forms ROI crops come in.
/// </summary>
/// <remarks>
/// Hand-written on purpose: SkiaSharp (already loaded by ML.NET) reduces 16-bit PNGs to 8 bits and cannot write them,
/// and the served ImageSharp version has known security flaws with crafted images. Grayscale PNG is small: chunks with
/// CRCs, one zlib stream, five row filters.
/// </remarks>
internal static class PngGrayscale
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Decodes a grayscale PNG into samples (0..255 or 0..65535).</summary>
    public static (int Width, int Height, int BitDepth, float[] Samples) Decode(string path, ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length + 25 || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new RoiFormatException(path, "is not a PNG file (no PNG signature)");
        }

        int width = 0, height = 0, bitDepth = 0;
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
            if (Crc(png.Slice(offset + 4, 4 + (int)length)) != storedCrc)
            {
                throw new RoiFormatException(path, $"is a damaged PNG file (CRC mismatch in chunk '{Encoding.ASCII.GetString(type)}')");
            }

            switch (Encoding.ASCII.GetString(type))
            {
                case "IHDR":
                    (width, height, bitDepth) = ReadHeader(path, data);
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

        return (width, height, bitDepth, Inflate(path, compressed, width, height, bitDepth));
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
        output.Write(Signature);
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", zlib.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static (int Width, int Height, int BitDepth) ReadHeader(string path, ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new RoiFormatException(path, "is a damaged PNG file (IHDR chunk of the wrong length)");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int bitDepth = data[8], colourType = data[9], interlace = data[12];
        if (colourType != 0)
        {
            var kind = colourType switch { 2 => "RGB", 3 => "palette", 4 => "grey with alpha", 6 => "RGBA", _ => $"type {colourType}" };
            throw new RoiFormatException(path, $"is a {kind} PNG; ROI crops must be single-channel grayscale");
        }

        if (bitDepth is not (8 or 16))
        {
            throw new RoiFormatException(path, $"is a {bitDepth}-bit grayscale PNG; 8-bit and 16-bit are supported");
        }

        if (interlace != 0)
        {
            throw new RoiFormatException(path, "is an interlaced PNG; re-save it without interlacing");
        }

        RoiImage.CheckSize(path, width, height);
        return ((int)width, (int)height, bitDepth);
    }

    private static float[] Inflate(string path, MemoryStream compressed, int width, int height, int bitDepth)
    {
        var bytesPerSample = bitDepth / 8;
        var stride = width * bytesPerSample;
        var raw = new byte[(stride + 1) * height];
        compressed.Position = 0;
        try
        {
            using var z = new ZLibStream(compressed, CompressionMode.Decompress);
            z.ReadExactly(raw);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new RoiFormatException(path, "is a damaged PNG file (its compressed pixel data is truncated or corrupt)", e);
        }

        var samples = new float[width * height];
        var previous = new byte[stride];
        var current = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            var line = raw.AsSpan(y * (stride + 1), stride + 1);
            Unfilter(path, line[0], line[1..], previous, current, bytesPerSample);
            for (var x = 0; x < width; x++)
            {
                samples[y * width + x] = bytesPerSample == 1 ? current[x] : BinaryPrimitives.ReadUInt16BigEndian(current.AsSpan(2 * x));
            }

            (previous, current) = (current, previous);
        }

        return samples;
    }

    private static void Unfilter(string path, byte filter, ReadOnlySpan<byte> line, byte[] previous, byte[] current, int bpp)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int left = i >= bpp ? current[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
            current[i] = filter switch
            {
                0 => line[i],
                1 => (byte)(line[i] + left),
                2 => (byte)(line[i] + up),
                3 => (byte)(line[i] + ((left + up) >> 1)),
                4 => (byte)(line[i] + Paeth(left, up, upLeft)),
                _ => throw new RoiFormatException(path, $"is a damaged PNG file (unknown row filter {filter})"),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed.AsSpan(4));
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc(typed));
        output.Write(word);
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
