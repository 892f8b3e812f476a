namespace Mammo.Rois;

/// <summary>Reads a ROI file of any supported format, chosen by its extension.</summary>
internal static class RoiReader
{
    public static readonly string[] Extensions = [".h5", ".hdf5", ".png"];

    public static bool IsSupported(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <exception cref="RoiFormatException">The file is missing, of an unknown kind or unusable.</exception>
    public static RoiImage Read(string path, RoiOptions options)
    {
        if (!File.Exists(path))
        {
            throw new RoiFormatException(path, "the file does not exist");
        }

        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".h5" or ".hdf5" => Hdf5RoiReader.Read(path, options),
            ".png" => ReadPng(path, options),
            var other => throw new RoiFormatException(path, $"'{other}' files are not ROI crops (HDF5 .h5/.hdf5 or grayscale .png are)"),
        };
    }

    private static RoiImage ReadPng(string path, RoiOptions options)
    {
        var (width, height, _, samples) = PngGrayscale.Decode(path, File.ReadAllBytes(path));
        var maskPath = Path.Combine(
            Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + options.MaskFileSuffix + ".png");
        LesionBounds? lesion = null;
        if (options.MaskChannel is not null && File.Exists(maskPath))
        {
            var (maskWidth, maskHeight, _, maskSamples) = PngGrayscale.Decode(maskPath, File.ReadAllBytes(maskPath));
            if (maskWidth != width || maskHeight != height)
            {
                throw new RoiFormatException(maskPath, $"the mask is {maskWidth} x {maskHeight}, its crop {path} is {width} x {height}");
            }

            lesion = LesionBounds.Find<float>(maskSamples, width, 1, 0, maskPath, "the mask file");
        }

        return RoiImage.FromSamples(path, width, height, samples, lesion);
    }
}
