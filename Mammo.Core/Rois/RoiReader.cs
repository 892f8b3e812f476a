using Mammo.Rois.Dicom;

namespace Mammo.Rois;

/// <summary>Reads a ROI file of any supported format, chosen by its extension.</summary>
internal static class RoiReader
{
    public static IReadOnlyList<string> Extensions => [".h5", ".hdf5", ".png", ".dcm"];

    public static bool IsSupported(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <exception cref="RoiFormatException">The file is missing, of an unknown kind or unusable.</exception>
    public static RoiImage Read(string path, RoiOptions options) => Decode(ReadFiles(path, options), options);

    /// <summary>Reads the bytes of the ROI file and of every file beside it that decides its tensor (a PNG's mask), once.</summary>
    /// <exception cref="RoiFormatException">The file is missing or of an unknown kind.</exception>
    public static RoiFiles ReadFiles(string path, RoiOptions options)
    {
        if (!File.Exists(path))
        {
            throw new RoiFormatException(path, "the file does not exist");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(extension, StringComparer.Ordinal))
        {
            throw new RoiFormatException(path, $"'{extension}' files are not ROI crops (HDF5 .h5/.hdf5, grayscale .png and DICOM .dcm are)");
        }

        byte[] bytes;
        string? maskPath = null;
        byte[]? maskBytes = null;
        try
        {
            bytes = File.ReadAllBytes(path);
            if (extension == ".png" && options.MaskChannel is not null)
            {
                maskPath = MaskPathOf(path, options);
                maskBytes = File.Exists(maskPath) ? File.ReadAllBytes(maskPath) : null;
            }
        }
        catch (IOException e)
        {
            throw new RoiFormatException(path, $"cannot be read ({e.Message})", e);
        }

        return new RoiFiles(path, bytes, maskPath, maskBytes);
    }

    /// <summary>Decodes ROI bytes read by <see cref="ReadFiles"/>.</summary>
    /// <exception cref="RoiFormatException">The content is unusable.</exception>
    public static RoiImage Decode(RoiFiles files, RoiOptions options) =>
        Path.GetExtension(files.Path).ToLowerInvariant() switch
        {
            ".h5" or ".hdf5" => Hdf5RoiReader.Read(files.Path, files.Bytes, options),
            ".png" => DecodePng(files),
            ".dcm" => DecodeDicom(files),
            var other => throw new RoiFormatException(files.Path, $"'{other}' files are not ROI crops (HDF5 .h5/.hdf5, grayscale .png and DICOM .dcm are)"),
        };

    private static string MaskPathOf(string path, RoiOptions options) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + options.MaskFileSuffix + ".png");

    /// <summary>
    /// A DICOM image has no mask: the whole stored range is min-max scaled like the other formats (FromSamples checks
    /// the size first).
    /// </summary>
    private static RoiImage DecodeDicom(RoiFiles files)
    {
        using var stream = new MemoryStream(files.Bytes, writable: false);
        var image = DicomDecoder.Decode(stream, files.Path);
        var samples = new float[image.Pixels.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = image.Pixels[i];
        }

        return RoiImage.FromSamples(files.Path, image.Columns, image.Rows, samples, null);
    }

    private static RoiImage DecodePng(RoiFiles files)
    {
        var path = files.Path;
        var (width, height, _, samples) = PngGrayscale.Decode(path, files.Bytes);
        LesionBounds? lesion = null;
        if (files.MaskBytes is { } maskBytes)
        {
            var maskPath = files.MaskPath!;
            var (maskWidth, maskHeight, _, maskSamples) = PngGrayscale.Decode(maskPath, maskBytes);
            if (maskWidth != width || maskHeight != height)
            {
                throw new RoiFormatException(maskPath, $"the mask is {maskWidth} x {maskHeight}, its crop {path} is {width} x {height}");
            }

            lesion = LesionBounds.Find<float>(maskSamples, width, 1, 0, maskPath, "the mask file");
        }

        return RoiImage.FromSamples(path, width, height, samples, lesion);
    }
}
