using System.Globalization;
using Mammo.Rois;

namespace Mammo.MachineLearning;

/// <summary>
/// <see cref="RoiOptions"/> as one line of text, the form in which they travel inside a saved ML.NET pipeline.
/// </summary>
/// <remarks>
/// Text values are percent-encoded, so the line holds only letters, digits and <c>-._~%=;</c>: safe inside the string
/// literal of ML.NET's expression transform and free of the separators. The leading version lets a later format be told apart.
/// </remarks>
internal static class RoiOptionsText
{
    private const string Version = "mammo-roi-options-v1";

    public static string Format(RoiOptions options) => string.Join(
        ';',
        Version,
        "ds=" + Uri.EscapeDataString(options.DatasetName),
        "img=" + options.ImageChannel.ToString(CultureInfo.InvariantCulture),
        "mask=" + (options.MaskChannel?.ToString(CultureInfo.InvariantCulture) ?? "none"),
        "suffix=" + Uri.EscapeDataString(options.MaskFileSuffix),
        "crop=" + options.LesionCropFactor.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Reads the options a pipeline carries; damaged text is a damaged model file.</summary>
    /// <exception cref="ModelFileException">The text is not what <see cref="Format"/> writes.</exception>
    public static RoiOptions FromPipeline(string text)
    {
        try
        {
            return Parse(text);
        }
        catch (FormatException e)
        {
            // The mapping sees a row, not the file the pipeline came from.
            throw new ModelFileException("(ML.NET pipeline)", $"the Mammo ROI options saved in it are damaged: {e.Message}", e);
        }
    }

    /// <exception cref="FormatException">The text is not what <see cref="Format"/> writes.</exception>
    public static RoiOptions Parse(string text)
    {
        var parts = text.Split(';');
        if (parts.Length != 6 || parts[0] != Version)
        {
            throw new FormatException($"'{text}' is not a Mammo ROI options line ({Version}); the saved pipeline is damaged or from another version.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.AsSpan(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !values.TryAdd(part[..equals], part[(equals + 1)..]))
            {
                throw new FormatException($"'{text}': '{part}' is not a single key=value pair.");
            }
        }

        try
        {
            var options = new RoiOptions
            {
                DatasetName = Uri.UnescapeDataString(values["ds"]),
                ImageChannel = int.Parse(values["img"], NumberStyles.None, CultureInfo.InvariantCulture),
                MaskChannel = values["mask"] == "none" ? null : int.Parse(values["mask"], NumberStyles.None, CultureInfo.InvariantCulture),
                MaskFileSuffix = Uri.UnescapeDataString(values["suffix"]),
                LesionCropFactor = double.Parse(values["crop"], NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            options.Validate();
            return options;
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or OverflowException or ArgumentException)
        {
            throw new FormatException($"'{text}' does not hold valid Mammo ROI options: {e.Message}", e);
        }
    }
}
