namespace Mammo.Import.Mias;

/// <summary>
/// Decodes binary greymap files (Netpbm PGM, magic <c>P5</c>), the format of the MIAS films: a text header (magic,
/// width, height, maximum value, with <c>#</c> comments allowed between them), one whitespace byte, then the raster,
/// one byte per sample when the maximum is below 256, else two bytes, most significant first.
/// </summary>
/// <remarks>
/// Strict, because it reads files from outside: the plain-text <c>P2</c> form, a maximum of 0 or above 65535, sides
/// outside 1-<see cref="MaximumSide"/>, samples above the maximum, a raster cut short and bytes after the raster are all
/// refused with an <see cref="ImportException"/> naming the file. Nothing is read outside the given bytes.
/// </remarks>
internal static class PgmImage
{
    /// <summary>The largest side accepted (full mammograms stay well below it).</summary>
    public const int MaximumSide = 16384;

    /// <summary>Reads and decodes a PGM file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The image's size, maximum value and samples (row-major, top row first).</returns>
    public static (int Width, int Height, int MaxValue, ushort[] Samples) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException(path, 0, $"cannot be read ({e.Message})", e);
        }

        return Decode(path, bytes);
    }

    /// <summary>Decodes the bytes of a PGM file.</summary>
    /// <param name="path">The file's name, for messages.</param>
    /// <param name="pgm">The whole file.</param>
    /// <returns>The image's size, maximum value and samples (row-major, top row first).</returns>
    public static (int Width, int Height, int MaxValue, ushort[] Samples) Decode(string path, ReadOnlySpan<byte> pgm)
    {
        if (pgm.Length < 2 || pgm[0] != 'P' || pgm[1] is < (byte)'1' or > (byte)'7')
        {
            throw new ImportException(path, 0, "is not a PGM file (it does not start with the magic number P5)");
        }

        if (pgm[1] != '5')
        {
            throw new ImportException(path, 0, $"is a Netpbm P{(char)pgm[1]} file; only binary greymaps (P5) are read");
        }

        var position = 2;
        var width = ReadHeaderNumber(path, pgm, ref position, "width", 1, MaximumSide);
        var height = ReadHeaderNumber(path, pgm, ref position, "height", 1, MaximumSide);
        var maxValue = ReadHeaderNumber(path, pgm, ref position, "maximum value", 1, ushort.MaxValue);

        // Exactly one whitespace byte separates the header from the raster (which may itself start with a byte that looks like whitespace).
        if (position >= pgm.Length || !IsWhitespace(pgm[position]))
        {
            throw new ImportException(path, 0, "is a truncated PGM file (its header does not end in a whitespace byte before the raster)");
        }

        position++;
        var bytesPerSample = maxValue < 256 ? 1 : 2;
        var rasterLength = (long)width * height * bytesPerSample;
        var available = pgm.Length - position;
        if (available < rasterLength)
        {
            throw new ImportException(path, 0, $"is a truncated PGM file: a {width} x {height} raster needs {rasterLength} bytes, {available} follow the header");
        }

        if (available > rasterLength)
        {
            throw new ImportException(path, 0, $"has {available - rasterLength} byte(s) after its {width} x {height} raster (several images in one file are not read)");
        }

        var raster = pgm.Slice(position, (int)rasterLength);
        var samples = new ushort[width * height];
        var largest = 0;
        if (bytesPerSample == 1)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = raster[i];
                largest = Math.Max(largest, raster[i]);
            }
        }
        else
        {
            for (var i = 0; i < samples.Length; i++)
            {
                var value = (raster[2 * i] << 8) | raster[(2 * i) + 1];
                samples[i] = (ushort)value;
                largest = Math.Max(largest, value);
            }
        }

        if (largest > maxValue)
        {
            throw new ImportException(path, 0, $"holds a sample of {largest}, above the maximum value {maxValue} its header declares");
        }

        return (width, height, maxValue, samples);
    }

    /// <summary>Reads one decimal header field after whitespace and comments, leaving <paramref name="position"/> just after its digits.</summary>
    private static int ReadHeaderNumber(string path, ReadOnlySpan<byte> pgm, ref int position, string field, int min, int max)
    {
        var start = position;
        while (position < pgm.Length)
        {
            if (IsWhitespace(pgm[position]))
            {
                position++;
            }
            else if (pgm[position] == '#')
            {
                // A comment runs to the end of its line.
                while (position < pgm.Length && pgm[position] is not ((byte)'\n' or (byte)'\r'))
                {
                    position++;
                }
            }
            else
            {
                break;
            }
        }

        if (position >= pgm.Length)
        {
            throw new ImportException(path, 0, $"is a truncated PGM file (it ends before its {field})");
        }

        if (position == start)
        {
            throw new ImportException(path, 0, $"is not a valid PGM file (no whitespace before its {field})");
        }

        long value = 0;
        var digits = 0;
        while (position < pgm.Length && pgm[position] is >= (byte)'0' and <= (byte)'9')
        {
            value = Math.Min((value * 10) + (pgm[position] - '0'), long.MaxValue / 20);
            position++;
            digits++;
        }

        if (digits == 0)
        {
            throw new ImportException(path, 0, $"is not a valid PGM file (its {field} is not a decimal number)");
        }

        if (value < min || value > max)
        {
            throw new ImportException(path, 0, $"has a {field} of {value}; {min} to {max} is accepted");
        }

        return (int)value;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
