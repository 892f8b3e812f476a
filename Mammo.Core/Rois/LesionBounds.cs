namespace Mammo.Rois;

/// <summary>The bounding box of a lesion mask, in pixels, edges included.</summary>
internal readonly record struct LesionBounds(int Left, int Top, int Right, int Bottom)
{
    /// <summary>Largest share of pixels that may lie between a mask's two levels (anti-aliased or resized edges).</summary>
    public const double MaximumIntermediateShare = 0.05;

    /// <summary>Largest share of the ROI a lesion may cover: a mask marks a minority of its crop.</summary>
    public const double MaximumCoverage = 0.5;

    /// <summary>Smallest share of the lesion pixels the largest connected region must hold.</summary>
    public const double MinimumMainRegionShare = 0.75;

    /// <summary>More separate regions than this and the channel is noise, not a mask; also bounds the check's memory.</summary>
    public const int MaximumRegions = 4096;

    /// <summary>
    /// Finds the box of the lesion pixels of one channel of interleaved samples: those above half the channel's maximum
    /// (0/1 and 0/255 masks alike). Returns <see langword="null"/> for an all-zero mask (no lesion marked).
    /// </summary>
    /// <remarks>
    /// The channel must look like a mask, or the ROI is refused: a grey image stored as RGB, or a crop where its mask
    /// should be, would otherwise yield the brighter half of the tissue as "lesion". A mask is essentially two-valued
    /// (at most <see cref="MaximumIntermediateShare"/> of the pixels lie between a tenth and nine tenths of its maximum),
    /// its lesion covers at most <see cref="MaximumCoverage"/> of the ROI, and one 8-connected region holds at least
    /// <see cref="MinimumMainRegionShare"/> of the lesion pixels. The check rides on the pass that finds the box: one
    /// pass for the maximum, one for everything else, with memory of two rows of runs and at most
    /// <see cref="MaximumRegions"/> region labels.
    /// </remarks>
    /// <param name="samples">Interleaved samples, row-major.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="channels">The samples per pixel.</param>
    /// <param name="channel">The mask's channel.</param>
    /// <param name="source">The file named in errors.</param>
    /// <param name="description">What in the file the mask is, for errors (a channel, say).</param>
    /// <exception cref="RoiFormatException">The channel is not a lesion mask.</exception>
    public static LesionBounds? Find<T>(ReadOnlySpan<T> samples, int width, int channels, int channel, string source = "the lesion mask", string description = "the mask")
        where T : struct, System.Numerics.INumberBase<T>
    {
        var count = samples.Length / channels;
        var bytes = typeof(T) == typeof(byte);
        if (bytes && channels > 1 && count > 0)
        {
            // An 8-bit mask interleaved with its image (the usual HDF5 ROI): gathered once, then scanned contiguously.
            var gathered = new byte[count];
            var all = System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(samples);
            for (int i = 0, offset = channel; i < count; i++, offset += channels)
            {
                gathered[i] = all[offset];
            }

            return Find<byte>(gathered, width, 1, 0, source, description);
        }

        float max = float.NegativeInfinity, min = float.PositiveInfinity;
        if (bytes && channels == 1 && count > 0)
        {
            var all = System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(samples);
            max = System.Numerics.Tensors.TensorPrimitives.Max(all);
            min = System.Numerics.Tensors.TensorPrimitives.Min(all);
        }
        else
        {
            for (var i = channel; i < samples.Length; i += channels)
            {
                var v = float.CreateTruncating(samples[i]);
                if (!float.IsFinite(v))
                {
                    throw NotAMask(source, description, $"it holds the non-finite value {v}");
                }

                max = Math.Max(max, v);
                min = Math.Min(min, v);
            }
        }

        if (count == 0 || (max <= 0 && min == 0))
        {
            return null;
        }

        if (max <= 0 || min < -0.1f * max)
        {
            throw NotAMask(source, description, $"its values run from {min} to {max}; a mask is 0 outside the lesion and positive inside");
        }

        float threshold = max / 2, low = 0.1f * max, high = 0.9f * max;
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        long lesionPixels = 0, intermediate = 0;
        var regions = new Regions();
        var previousRuns = new List<(int Start, int End, int Label)>();
        var currentRuns = new List<(int Start, int End, int Label)>();
        var height = count / width;

        // For a contiguous 8-bit mask, pixels that change nothing are skipped in bulk (vectorised): outside a run those at
        // or below the low level (neither lesion nor in between), inside a run those at or above the high level (lesion,
        // not in between). Every other pixel takes the general path below, so the result is the same.
        var contiguousBytes = bytes && channels == 1 ? System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(samples) : default;
        var outsideUpTo = (byte)Math.Clamp(MathF.Floor(low), 0, 255);
        var insideFrom = (byte)Math.Clamp(MathF.Ceiling(high), 0, 255);
        for (var y = 0; y < height; y++)
        {
            currentRuns.Clear();
            var runStart = -1;
            var scan = 0; // first run of the previous row that may still touch this row's runs
            var row = contiguousBytes.IsEmpty ? default : contiguousBytes.Slice(y * width, width);
            for (var x = 0; x <= width; x++)
            {
                if (!row.IsEmpty && x < width)
                {
                    var rest = row[x..];
                    var skip = runStart < 0 ? rest.IndexOfAnyExceptInRange((byte)0, outsideUpTo) : rest.IndexOfAnyExceptInRange(insideFrom, byte.MaxValue);
                    x += skip < 0 ? rest.Length : skip;
                }

                var inside = false;
                if (x < width)
                {
                    var v = float.CreateTruncating(samples[(((y * width) + x) * channels) + channel]);
                    if (v > low && v < high)
                    {
                        intermediate++;
                    }

                    inside = v > threshold;
                }

                if (inside)
                {
                    runStart = runStart < 0 ? x : runStart;
                    continue;
                }

                if (runStart < 0)
                {
                    continue;
                }

                // A run [runStart, x - 1] ended: join it to the previous row's runs it touches (8-connected).
                var end = x - 1;
                var label = -1;
                while (scan < previousRuns.Count && previousRuns[scan].End < runStart - 1)
                {
                    scan++;
                }

                for (var k = scan; k < previousRuns.Count && previousRuns[k].Start <= end + 1; k++)
                {
                    label = label < 0 ? regions.Find(previousRuns[k].Label) : regions.Union(label, previousRuns[k].Label);
                }

                if (label < 0)
                {
                    label = regions.Add() ?? throw NotAMask(source, description, $"its lesion pixels fall into more than {MaximumRegions} separate regions");
                }

                regions.AddArea(label, end - runStart + 1);
                currentRuns.Add((runStart, end, label));
                lesionPixels += end - runStart + 1;
                left = Math.Min(left, runStart);
                right = Math.Max(right, end);
                top = Math.Min(top, y);
                bottom = y;
                runStart = -1;
            }

            (previousRuns, currentRuns) = (currentRuns, previousRuns);
        }

        if (intermediate > MaximumIntermediateShare * count)
        {
            throw NotAMask(
                source, description, FormattableString.Invariant($"{100.0 * intermediate / count:F0}% of its pixels lie between its two levels; a mask is essentially two-valued (grey image stored as colour, or crop and mask swapped?)"));
        }

        if (lesionPixels > MaximumCoverage * count)
        {
            throw NotAMask(
                source, description, FormattableString.Invariant($"its lesion covers {100.0 * lesionPixels / count:F0}% of the ROI; a lesion mask marks a minority of its crop"));
        }

        var largest = regions.LargestArea();
        if (largest < MinimumMainRegionShare * lesionPixels)
        {
            throw NotAMask(
                source, description, FormattableString.Invariant($"its largest connected region holds only {100.0 * largest / lesionPixels:F0}% of the lesion pixels; a lesion mask has one main region"));
        }

        // A pixel at the maximum (> 0) is always above half of it, so at least one run was found: right >= 0.
        return new LesionBounds(left, top, right, bottom);
    }

    private static RoiFormatException NotAMask(string source, string description, string reason) =>
        new(source, $"{description} is not a lesion mask: {reason}. If the file holds no mask there, set the mask channel to none (MaskChannel = null, --ignore-masks)");

    /// <summary>Union-find over region labels, with each root's area.</summary>
    private sealed class Regions
    {
        private readonly List<int> parent = [];
        private readonly List<long> area = [];

        public int? Add()
        {
            if (parent.Count >= MaximumRegions)
            {
                return null;
            }

            parent.Add(parent.Count);
            area.Add(0);
            return parent.Count - 1;
        }

        public int Find(int label)
        {
            while (parent[label] != label)
            {
                parent[label] = parent[parent[label]];
                label = parent[label];
            }

            return label;
        }

        public int Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a == b)
            {
                return a;
            }

            var (root, child) = a < b ? (a, b) : (b, a);
            parent[child] = root;
            area[root] += area[child];
            area[child] = 0;
            return root;
        }

        public void AddArea(int label, long pixels) => area[Find(label)] += pixels;

        public long LargestArea()
        {
            long largest = 0;
            for (var i = 0; i < parent.Count; i++)
            {
                if (parent[i] == i)
                {
                    largest = Math.Max(largest, area[i]);
                }
            }

            return largest;
        }
    }
}
