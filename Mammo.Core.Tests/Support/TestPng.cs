using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Mammo.Tests.Support;

/// <summary>
/// PNG files built chunk by chunk, with their CRCs computed here bit by bit (not by the reader's table), so that a test
/// can make exactly one thing wrong in a file that is otherwise valid.
/// </summary>
public static class TestPng
{
    public static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static byte[] File(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    public static byte[] Chunk(string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typed));
        return chunk;
    }

    public static byte[] Ihdr(int width, int height, int bitDepth = 8, int colourType = 0, int interlace = 0)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(data, width);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4), height);
        data[8] = (byte)bitDepth;
        data[9] = (byte)colourType;
        data[12] = (byte)interlace;
        return Chunk("IHDR", data);
    }

    /// <summary>An IDAT chunk holding <paramref name="raw"/> (scanlines with their filter bytes) zlib-compressed.</summary>
    public static byte[] Idat(byte[] raw)
    {
        var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(raw);
        }

        return Chunk("IDAT", zlib.ToArray());
    }

    public static byte[] Iend() => Chunk("IEND", []);

    /// <summary>The CRC-32 of ISO 3309 / PNG, bit by bit as the PNG specification's annex D defines it.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
