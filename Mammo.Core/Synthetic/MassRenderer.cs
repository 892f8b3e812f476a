using Mammo.CbisDdsm;

namespace Mammo.Synthetic;

/// <summary>
/// Draws a synthetic mammography ROI: power-law parenchyma, faint linear structures, and one mass drawn by its BI-RADS
/// shape and margin, with a lesion mask.
/// </summary>
/// <remarks>
/// The aggressiveness (a standard normal draw) is visible: it raises the mass's density and its number of bright specks, the irregularity of its
/// outline, the blur of ill-defined margins and the number and length of spicules. The two views of a lesion share
/// its look but differ in orientation, scale, crop and background.
/// </remarks>
internal static class MassRenderer
{
    /// <summary>
    /// A mass or line adds at most 0.36 x e^-x to a pixel at x widths from its edge; every pixel is at least 0.16 (the
    /// parenchyma's floor), whose half ulp is 1.4e-17, so beyond x = 40 the addition cannot change a pixel and is skipped.
    /// </summary>
    private const double NegligibleExponent = 40;

    public static (byte[] Image, byte[] Mask, int Width, int Height) Render(LesionLook look, int viewIndex, int minSide, int maxSide)
    {
        var shapeRandom = new Random(look.Seed);
        var lesion = LesionGeometry.Draw(look, shapeRandom);
        var random = new Random(unchecked((look.Seed * 31) + viewIndex + 1));
        var width = random.Next(minSide, maxSide + 1);
        var height = random.Next(minSide, maxSide + 1);
        var rotation = viewIndex == 0 ? 0 : 0.3 + (random.NextDouble() * 0.9);
        var scale = viewIndex == 0 ? 1 : 0.85 + (random.NextDouble() * 0.3);
        var radius = (0.12 + (random.NextDouble() * 0.08)) * Math.Min(width, height) * scale;
        var cx = width * (0.5 + ((random.NextDouble() - 0.5) * 0.16));
        var cy = height * (0.5 + ((random.NextDouble() - 0.5) * 0.16));

        var pixels = Parenchyma(width, height, look.Density, random);
        var mask = new byte[width * height];
        DrawMass(pixels, mask, width, height, cx, cy, radius, rotation, lesion, look);

        var image = new byte[width * height];
        for (var i = 0; i < image.Length; i++)
        {
            var noisy = pixels[i] + ((random.NextDouble() - 0.5) * 0.02);
            image[i] = (byte)Math.Clamp(Math.Round(noisy * 255), 0, 255);
        }

        return (image, mask, width, height);
    }

    private static double[] Parenchyma(int width, int height, int density, Random random)
    {
        // Value noise summed over octaves with amplitude ~ cell size^0.9: a power-law (1/f-like) texture.
        var texture = new double[width * height];
        for (var cell = 128; cell >= 2; cell /= 2)
        {
            var amplitude = Math.Pow(cell / 128.0, 0.9);
            var gw = (width / cell) + 2;
            var gh = (height / cell) + 2;
            var grid = new double[gw * gh];
            for (var i = 0; i < grid.Length; i++)
            {
                grid[i] = (random.NextDouble() * 2) - 1;
            }

            // Each column's cell and blend weight, worked out once per octave (the same arithmetic as per pixel).
            var cellOf = new int[width];
            var blendOf = new double[width];
            for (var x = 0; x < width; x++)
            {
                var gx = (double)x / cell;
                cellOf[x] = (int)gx;
                blendOf[x] = Smooth(gx - cellOf[x]);
            }

            for (var y = 0; y < height; y++)
            {
                var gy = (double)y / cell;
                var y0 = (int)gy;
                var fy = Smooth(gy - y0);
                var upper = grid.AsSpan(y0 * gw, gw);
                var lower = grid.AsSpan((y0 + 1) * gw, gw);
                var row = texture.AsSpan(y * width, width);
                for (var x = 0; x < width; x++)
                {
                    var x0 = cellOf[x];
                    var fx = blendOf[x];
                    var top = upper[x0] + ((upper[x0 + 1] - upper[x0]) * fx);
                    var bottom = lower[x0] + ((lower[x0 + 1] - lower[x0]) * fx);
                    row[x] += amplitude * (top + ((bottom - top) * fy));
                }
            }
        }

        var baseLevel = 0.22 + (0.09 * density);
        var contrast = 0.05 + (0.02 * density);
        var pixels = new double[texture.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = baseLevel + (contrast * texture[i]);
        }

        // Faint ducts and ligaments: straight-ish bright lines crossing the crop, present whatever the pathology.
        var lines = random.Next(0, 5);
        for (var l = 0; l < lines; l++)
        {
            double x0 = random.NextDouble() * width, y0 = random.NextDouble() * height;
            var angle = random.NextDouble() * Math.PI;
            var length = Math.Max(width, height);
            DrawLine(pixels, width, height, x0 - (Math.Cos(angle) * length), y0 - (Math.Sin(angle) * length),
                x0 + (Math.Cos(angle) * length), y0 + (Math.Sin(angle) * length), 1.2 + random.NextDouble(), 0.03 + (random.NextDouble() * 0.03), null);
        }

        return pixels;
    }

    private static void DrawMass(
        double[] pixels, byte[] mask, int width, int height, double cx, double cy, double radius, double rotation,
        LesionGeometry lesion, LesionLook look)
    {
        var a = look.Aggressiveness;
        var contrast = Math.Clamp(0.17 + (0.06 * a), 0.06, 0.36) * lesion.ContrastFactor;
        var edge = radius * Math.Clamp(lesion.EdgeWidth * (1 + (0.35 * Math.Max(a, -0.8))), 0.008, 0.35);
        // Beyond this distance the mass adds less than half a unit in the last place of any pixel: skipping is exact.
        var extent = (radius * lesion.MaximumRadius) + (NegligibleExponent * edge);
        var (top, bottom) = (Math.Max(0, (int)Math.Floor(cy - extent)), Math.Min(height - 1, (int)Math.Ceiling(cy + extent)));
        var (left, right) = (Math.Max(0, (int)Math.Floor(cx - extent)), Math.Min(width - 1, (int)Math.Ceiling(cx + extent)));
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                double dx = x - cx, dy = y - cy;
                var distance = Math.Sqrt((dx * dx) + (dy * dy));
                if (distance > extent)
                {
                    continue;
                }

                var theta = Math.Atan2(dy, dx) - rotation;
                var boundary = radius * lesion.Radius(theta);
                var inside = 1 / (1 + Math.Exp((distance - boundary) / edge));
                var core = 0.85 + (0.15 * Math.Max(0, 1 - (distance * distance / (boundary * boundary))));
                var hilum = lesion.HilumDarkening(theta, distance / boundary);
                var i = (y * width) + x;
                pixels[i] += contrast * inside * core * (1 - hilum) * lesion.Visibility(theta);
                if (distance < boundary)
                {
                    mask[i] = 1;
                }
            }
        }

        // Aggressive masses carry bright specks (like pleomorphic calcifications): more of them the higher the aggressiveness.
        foreach (var (angle, distance, size) in lesion.Specks)
        {
            var direction = angle + rotation;
            var reach = distance * radius * lesion.Radius(angle);
            var x = cx + (Math.Cos(direction) * reach);
            var y = cy + (Math.Sin(direction) * reach);
            DrawLine(pixels, width, height, x, y, x + 0.5, y + 0.5, size, 0.22, null);
        }

        foreach (var (angle, length, thickness) in lesion.Spicules)
        {
            var direction = angle + rotation;
            var start = radius * lesion.Radius(angle) * 0.85;
            var end = start + (length * radius);
            DrawLine(
                pixels, width, height, cx + (Math.Cos(direction) * start), cy + (Math.Sin(direction) * start),
                cx + (Math.Cos(direction) * end), cy + (Math.Sin(direction) * end), thickness, contrast * 0.8, mask);
        }
    }

    /// <summary>Adds a tapered line; pixels it brightens by more than a third of its peak join the mask when one is given.</summary>
    private static void DrawLine(
        double[] pixels, int width, int height, double x0, double y0, double x1, double y1, double thickness, double peak, byte[]? mask)
    {
        var minX = Math.Max(0, (int)(Math.Min(x0, x1) - (3 * thickness)));
        var maxX = Math.Min(width - 1, (int)(Math.Max(x0, x1) + (3 * thickness)));
        var minY = Math.Max(0, (int)(Math.Min(y0, y1) - (3 * thickness)));
        var maxY = Math.Min(height - 1, (int)(Math.Max(y0, y1) + (3 * thickness)));
        double vx = x1 - x0, vy = y1 - y0;
        var lengthSquared = Math.Max(1e-9, (vx * vx) + (vy * vy));
        for (var y = minY; y <= maxY; y++)
        {
            for (var x = minX; x <= maxX; x++)
            {
                var t = Math.Clamp((((x - x0) * vx) + ((y - y0) * vy)) / lengthSquared, 0, 1);
                double px = x0 + (t * vx) - x, py = y0 + (t * vy) - y;
                var d2 = (px * px) + (py * py);
                var taper = mask is null ? 1 : 1 - (0.8 * t);
                var spread = 2 * thickness * thickness * taper * taper;
                if (d2 > NegligibleExponent * spread)
                {
                    continue; // adds less than half a unit in the last place of any pixel: skipping is exact
                }

                var value = peak * taper * Math.Exp(-d2 / spread);
                pixels[(y * width) + x] += value;
                if (mask is not null && value > peak / 3 && t < 0.5)
                {
                    mask[(y * width) + x] = 1;
                }
            }
        }
    }

    private static double Smooth(double t) => t * t * (3 - (2 * t));

    /// <summary>The outline, margin and decorations of one mass, in lesion-relative terms.</summary>
    private sealed class LesionGeometry
    {
        private readonly List<(int K, double Amplitude, double Phase)> harmonics = [];
        private double ellipseRatio = 1;
        private double ellipseAngle;
        private double hilumAngle = double.NaN;
        private double obscuredAngle = double.NaN;

        public double EdgeWidth { get; private set; } = 0.02;

        public double ContrastFactor { get; private set; } = 1;

        public List<(double Angle, double Length, double Thickness)> Spicules { get; } = [];

        public List<(double Angle, double Distance, double Size)> Specks { get; } = [];

        public static LesionGeometry Draw(LesionLook look, Random random)
        {
            var g = new LesionGeometry();
            var a = look.Aggressiveness;
            var roughness = Math.Clamp(1 + (0.35 * a), 0.4, 2.2);
            g.harmonics.Add((2, 0.03, random.NextDouble() * Math.Tau));
            switch (look.Shape)
            {
                case MassShape.Oval:
                    g.ellipseRatio = 0.55 + (random.NextDouble() * 0.2);
                    g.ellipseAngle = random.NextDouble() * Math.PI;
                    break;
                case MassShape.Lobulated:
                    g.harmonics.Add((random.Next(3, 6), 0.13 + (random.NextDouble() * 0.05), random.NextDouble() * Math.Tau));
                    break;
                case MassShape.Irregular:
                    for (var k = 2; k <= 8; k++)
                    {
                        g.harmonics.Add((k, (0.04 + (random.NextDouble() * 0.07)) * roughness, random.NextDouble() * Math.Tau));
                    }

                    break;
                case MassShape.ArchitecturalDistortion:
                    g.ContrastFactor = 0.45;
                    g.harmonics.Add((3, 0.12, random.NextDouble() * Math.Tau));
                    AddSpicules(g, random, 14 + (int)(4 * a), 0.9, 1.3);
                    break;
                case MassShape.LymphNode:
                    g.ellipseRatio = 0.6 + (random.NextDouble() * 0.15);
                    g.ellipseAngle = random.NextDouble() * Math.PI;
                    g.hilumAngle = random.NextDouble() * Math.Tau;
                    break;
                case MassShape.FocalAsymmetricDensity:
                case MassShape.AsymmetricBreastTissue:
                    g.ContrastFactor = 0.55;
                    g.EdgeWidth = 0.2;
                    for (var k = 2; k <= 4; k++)
                    {
                        g.harmonics.Add((k, 0.1, random.NextDouble() * Math.Tau));
                    }

                    break;
            }

            var specks = (int)Math.Round(Math.Max(0, 4 * (a + 0.3)));
            for (var k = 0; k < specks; k++)
            {
                g.Specks.Add((random.NextDouble() * Math.Tau, 0.15 + (random.NextDouble() * 0.7), 0.9 + (random.NextDouble() * 0.8)));
            }

            switch (look.Margin)
            {
                case MassMargin.Circumscribed:
                    g.EdgeWidth = Math.Max(g.EdgeWidth, 0.015);
                    break;
                case MassMargin.Obscured:
                    g.EdgeWidth = Math.Max(g.EdgeWidth, 0.03);
                    g.obscuredAngle = random.NextDouble() * Math.Tau;
                    break;
                case MassMargin.Microlobulated:
                    g.harmonics.Add((random.Next(14, 23), 0.045 * Math.Clamp(roughness, 0.7, 1.6), random.NextDouble() * Math.Tau));
                    g.EdgeWidth = Math.Max(g.EdgeWidth, 0.02);
                    break;
                case MassMargin.IllDefined:
                    g.EdgeWidth = Math.Max(g.EdgeWidth, 0.12 + (random.NextDouble() * 0.06));
                    break;
                case MassMargin.Spiculated:
                    g.EdgeWidth = Math.Max(g.EdgeWidth, 0.04);
                    AddSpicules(g, random, 11 + (int)Math.Round(5 * a), 0.5, 1.1 + (0.15 * a));
                    break;
            }

            return g;
        }

        /// <summary>Gets an upper bound of <see cref="Radius"/> over all angles (the ellipse factor is at most 1).</summary>
        public double MaximumRadius => 1 + harmonics.Sum(h => Math.Abs(h.Amplitude));

        public double Radius(double theta)
        {
            var r = 1.0;
            if (ellipseRatio < 1)
            {
                var t = theta - ellipseAngle;
                r = 1 / Math.Sqrt((Math.Cos(t) * Math.Cos(t)) + (Math.Sin(t) * Math.Sin(t) / (ellipseRatio * ellipseRatio)));
            }

            foreach (var (k, amplitude, phase) in harmonics)
            {
                r += amplitude * Math.Sin((k * theta) + phase);
            }

            if (!double.IsNaN(hilumAngle))
            {
                var d = AngleDistance(theta, hilumAngle);
                r -= 0.3 * Math.Exp(-(d * d) / 0.05);
            }

            return Math.Max(0.3, r);
        }

        /// <summary>Lymph nodes have a fatty, darker centre toward their hilum.</summary>
        public double HilumDarkening(double theta, double relativeDistance) =>
            double.IsNaN(hilumAngle) ? 0 : 0.55 * Math.Exp(-(relativeDistance * relativeDistance) / 0.25);

        /// <summary>An obscured margin is hidden by overlying tissue over part of its outline.</summary>
        public double Visibility(double theta)
        {
            if (double.IsNaN(obscuredAngle))
            {
                return 1;
            }

            var d = AngleDistance(theta, obscuredAngle);
            return 0.55 + (0.45 * (1 - Math.Exp(-(d * d) / 0.8)));
        }

        private static void AddSpicules(LesionGeometry g, Random random, int count, double minLength, double maxLength)
        {
            count = Math.Clamp(count, 4, 26);
            for (var s = 0; s < count; s++)
            {
                g.Spicules.Add((
                    random.NextDouble() * Math.Tau,
                    minLength + (random.NextDouble() * Math.Max(0.1, maxLength - minLength)),
                    0.9 + (random.NextDouble() * 1.1)));
            }
        }

        private static double AngleDistance(double a, double b)
        {
            var d = Math.IEEERemainder(a - b, Math.Tau);
            return Math.Abs(d);
        }
    }
}
