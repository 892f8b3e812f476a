namespace Mammo.Import;

/// <summary>
/// The square of a full mammogram that an importer stores as a lesion's ROI: centred on the lesion, reaching
/// <see cref="CropRadii"/> lesion radii out from its centre on every side, and at least <see cref="MinimumSide"/> pixels.
/// </summary>
/// <remarks>
/// <para>Side = max(<see cref="MinimumSide"/>, ceil(2 x <see cref="CropRadii"/> x r)), r the lesion radius (half the
/// longer side of its bounding box; for MIAS the database's radius), and at most the image's longer side ("clamped to
/// the image"). The window is never shifted to fit inside the image: the lesion stays at its centre, which is where
/// <c>RoiPreprocessor</c> expects it, and the parts outside the image are padded.</para>
/// <para>Padding: the image repeats its nearest edge pixel (as <c>RoiPreprocessor</c> pads its crops, so no artificial
/// black border reaches the network); a mask is padded with zeros (a lesion does not go on past the film's edge, and a
/// repeated mask edge would stretch the lesion's bounding box).</para>
/// <para>Coordinates are pixel indices, x to the right and y downwards, (0, 0) the top-left pixel; a pixel covers
/// [x, x + 1). <see cref="Left"/> and <see cref="Top"/> may be negative or the window may end past the image.</para>
/// </remarks>
/// <param name="Left">The image column of the window's first column (may be negative).</param>
/// <param name="Top">The image row of the window's first row (may be negative).</param>
/// <param name="Side">The window's side in pixels.</param>
internal readonly record struct RoiWindow(int Left, int Top, int Side)
{
    /// <summary>The smallest window side.</summary>
    public const int MinimumSide = 256;

    /// <summary>
    /// How far the window reaches from the lesion's centre, in lesion radii: it holds lesion-centred crops reaching up
    /// to 4 radii out (a <c>RoiOptions.LesionCropFactor</c>, which is the crop's side in radii, of up to about 8).
    /// </summary>
    public const double CropRadii = 4;

    /// <summary>The window around a lesion's bounding box (edges included, as <c>LesionBounds</c>).</summary>
    /// <param name="imageWidth">The full image's width.</param>
    /// <param name="imageHeight">The full image's height.</param>
    /// <param name="left">The box's first column.</param>
    /// <param name="top">The box's first row.</param>
    /// <param name="right">The box's last column.</param>
    /// <param name="bottom">The box's last row.</param>
    /// <returns>The window.</returns>
    public static RoiWindow AroundBox(int imageWidth, int imageHeight, int left, int top, int right, int bottom)
    {
        if (right < left || bottom < top)
        {
            throw new ArgumentException($"The box ({left}, {top})-({right}, {bottom}) is empty.");
        }

        // The box's centre in continuous coordinates: pixel x covers [x, x + 1).
        var centreX = (left + right + 1) / 2.0;
        var centreY = (top + bottom + 1) / 2.0;
        var radius = Math.Max(right - left + 1, bottom - top + 1) / 2.0;
        return Around(imageWidth, imageHeight, centreX, centreY, radius);
    }

    /// <summary>The window around a circle given by its centre pixel and radius (as MIAS describes lesions).</summary>
    /// <param name="imageWidth">The full image's width.</param>
    /// <param name="imageHeight">The full image's height.</param>
    /// <param name="centreColumn">The column of the centre pixel.</param>
    /// <param name="centreRow">The row of the centre pixel (top-down).</param>
    /// <param name="radius">The radius in pixels.</param>
    /// <returns>The window.</returns>
    public static RoiWindow AroundCircle(int imageWidth, int imageHeight, int centreColumn, int centreRow, double radius) =>
        Around(imageWidth, imageHeight, centreColumn + 0.5, centreRow + 0.5, radius);

    /// <summary>The side for a lesion of <paramref name="radius"/> in an image of the given size.</summary>
    /// <param name="imageWidth">The full image's width.</param>
    /// <param name="imageHeight">The full image's height.</param>
    /// <param name="radius">The lesion radius in pixels.</param>
    /// <returns>The side in pixels.</returns>
    public static int SideFor(int imageWidth, int imageHeight, double radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        if (!double.IsFinite(radius) || radius < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "The lesion radius must be a finite, non-negative number.");
        }

        var wanted = Math.Max(MinimumSide, Math.Ceiling(2 * CropRadii * radius));
        return (int)Math.Min(wanted, Math.Max(imageWidth, imageHeight));
    }

    private static RoiWindow Around(int imageWidth, int imageHeight, double centreX, double centreY, double radius)
    {
        var side = SideFor(imageWidth, imageHeight, radius);
        return new RoiWindow((int)Math.Floor(centreX - (side / 2.0)), (int)Math.Floor(centreY - (side / 2.0)), side);
    }

    /// <summary>Copies the window out of an image, repeating the nearest edge pixel outside it.</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="pixels">The image, row-major.</param>
    /// <param name="width">The image's width.</param>
    /// <param name="height">The image's height.</param>
    /// <returns><see cref="Side"/> x <see cref="Side"/> samples, row-major.</returns>
    public T[] CropImage<T>(ReadOnlySpan<T> pixels, int width, int height) => Crop(pixels, width, height, padWithEdge: true);

    /// <summary>Copies the window out of a mask, with zeros outside it.</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="mask">The mask, row-major, the image's size.</param>
    /// <param name="width">The mask's width.</param>
    /// <param name="height">The mask's height.</param>
    /// <returns><see cref="Side"/> x <see cref="Side"/> samples, row-major.</returns>
    public T[] CropMask<T>(ReadOnlySpan<T> mask, int width, int height) => Crop(mask, width, height, padWithEdge: false);

    /// <summary>A 0/1 mask of the window: 1 where a pixel's centre lies within <paramref name="radius"/> of the centre pixel's centre.</summary>
    /// <param name="centreColumn">The centre pixel's image column.</param>
    /// <param name="centreRow">The centre pixel's image row.</param>
    /// <param name="radius">The disc's radius in pixels.</param>
    /// <returns><see cref="Side"/> x <see cref="Side"/> samples, row-major.</returns>
    /// <remarks>The disc is drawn whole, also where it reaches into the padding, so its centre stays the given one.</remarks>
    public byte[] Disc(int centreColumn, int centreRow, double radius)
    {
        var mask = new byte[Side * Side];
        var r2 = radius * radius;
        var cx = centreColumn - Left;
        var cy = centreRow - Top;
        var reach = (int)Math.Ceiling(radius);
        for (var y = Math.Max(0, cy - reach); y <= Math.Min(Side - 1, cy + reach); y++)
        {
            // The row's chord: |dx| <= floor(sqrt(r^2 - dy^2)) is dx^2 + dy^2 <= r^2 (the square root is correctly rounded;
            // the tests compare the disc with that test pixel by pixel).
            double dy = y - cy;
            var room = r2 - (dy * dy);
            if (room < 0)
            {
                continue;
            }

            var half = (int)Math.Sqrt(room);
            var first = Math.Max(0, cx - half);
            var last = Math.Min(Side - 1, cx + half);
            if (last >= first)
            {
                mask.AsSpan((y * Side) + first, last - first + 1).Fill(1);
            }
        }

        return mask;
    }

    private T[] Crop<T>(ReadOnlySpan<T> pixels, int width, int height, bool padWithEdge)
    {
        if (width <= 0 || height <= 0 || pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"{pixels.Length} samples do not make a {width} x {height} image.", nameof(pixels));
        }

        var window = new T[Side * Side];
        for (var y = 0; y < Side; y++)
        {
            var sourceRow = Top + y;
            var rowInside = sourceRow >= 0 && sourceRow < height;
            if (!rowInside && !padWithEdge)
            {
                continue;
            }

            // Above or below the image, edge padding repeats the nearest image row.
            var row = pixels.Slice(Math.Clamp(sourceRow, 0, height - 1) * width, width);
            var target = window.AsSpan(y * Side, Side);

            // The part of the window's row that lies over the image is one block copy; the rest is padding.
            var first = Math.Clamp(-Left, 0, Side);
            var end = Math.Clamp(width - Left, first, Side);
            if (end > first)
            {
                row.Slice(Left + first, end - first).CopyTo(target[first..end]);
            }

            // A mask's padding stays zero: the window is a new array.
            if (padWithEdge)
            {
                target[..first].Fill(row[0]);
                target[end..].Fill(row[width - 1]);
            }
        }

        return window;
    }
}
