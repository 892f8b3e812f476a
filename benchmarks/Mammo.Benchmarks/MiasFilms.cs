using System.Globalization;
using Mammo.Rois;

namespace Mammo.Benchmarks;

/// <summary>
/// A measurement-only reader of the MIAS database (Info.txt and its P5 PGM films) that builds the same ROI windows as
/// <c>mammo import mias</c> (side max(256, 8 radii) clamped to the film, centred on the lesion, edge-padded; a disc mask)
/// in memory, so recipes can be measured on real mammograms without writing files. Trusted local files only.
/// </summary>
internal static class MiasFilms
{
    public static List<(string CaseKey, string Patient, bool Malignant, RoiImage Roi)> Load(string infoPath, string imageDirectory)
    {
        var rows = new List<(string, string, bool, RoiImage)>();
        var perFilm = new Dictionary<int, int>();
        foreach (var line in File.ReadLines(infoPath))
        {
            var f = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 7 || !f[0].StartsWith("mdb", StringComparison.Ordinal) || f[2] == "CALC" || f[2] == "NORM"
                || !int.TryParse(f[4], CultureInfo.InvariantCulture, out var x) || !int.TryParse(f[5], CultureInfo.InvariantCulture, out var y)
                || !int.TryParse(f[6], CultureInfo.InvariantCulture, out var radius))
            {
                continue;
            }

            var film = int.Parse(f[0][3..], CultureInfo.InvariantCulture);
            perFilm[film] = perFilm.GetValueOrDefault(film) + 1;
            var (width, height, pixels) = ReadPgm(Path.Combine(imageDirectory, f[0] + ".pgm"));
            var column = x;
            var row = height - 1 - y;
            var side = (int)Math.Min(Math.Max(256, Math.Ceiling(8.0 * radius)), Math.Max(width, height));
            var left = (int)Math.Floor(column + 0.5 - (side / 2.0));
            var top = (int)Math.Floor(row + 0.5 - (side / 2.0));
            var window = new float[side * side];
            int lx = int.MaxValue, ly = int.MaxValue, rx = -1, by = -1;
            for (var v = 0; v < side; v++)
            {
                for (var u = 0; u < side; u++)
                {
                    window[(v * side) + u] = pixels[(Math.Clamp(top + v, 0, height - 1) * width) + Math.Clamp(left + u, 0, width - 1)];
                    double dx = u - (column - left), dy = v - (row - top);
                    if ((dx * dx) + (dy * dy) <= radius * radius)
                    {
                        (lx, ly, rx, by) = (Math.Min(lx, u), Math.Min(ly, v), Math.Max(rx, u), Math.Max(by, v));
                    }
                }
            }

            var patient = FormattableString.Invariant($"MIAS_{(film + 1) / 2:D3}");
            var key = FormattableString.Invariant($"{patient}_{(film % 2 == 0 ? "LEFT" : "RIGHT")}_MLO_{perFilm[film]}");
            rows.Add((key, patient, f[3] == "M", RoiImage.FromSamples(key, side, side, window, new LesionBounds(lx, ly, rx, by))));
        }

        return rows;
    }

    private static (int Width, int Height, float[] Pixels) ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = 0;
        var tokens = new List<int>();
        string Token()
        {
            while (true)
            {
                while (char.IsWhiteSpace((char)bytes[at]))
                {
                    at++;
                }

                if (bytes[at] != '#')
                {
                    break;
                }

                while (bytes[at] != '\n')
                {
                    at++;
                }
            }

            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }

            return System.Text.Encoding.ASCII.GetString(bytes, start, at - start);
        }

        if (Token() != "P5")
        {
            throw new InvalidDataException($"{path}: not a P5 PGM");
        }

        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        var max = int.Parse(Token(), CultureInfo.InvariantCulture);
        at++;
        var pixels = new float[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = max < 256 ? bytes[at + i] : (bytes[at + (2 * i)] << 8) | bytes[at + (2 * i) + 1];
        }

        return (width, height, pixels);
    }
}
