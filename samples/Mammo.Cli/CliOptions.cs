using System.CommandLine;
using Mammo.Rois;
using Mammo.Training;

namespace Mammo.Cli;

/// <summary>Options shared by several verbs, defined once.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and detailed logs.",
        Recursive = true,
    };

    public static Option<FileInfo> Csv() => new("--csv") { Description = "A CBIS-DDSM case-description CSV.", Required = true };

    public static Option<DirectoryInfo> RoiRoot() => new("--roi-root") { Description = "The folder of ROI files (<case key>.h5 or .png).", Required = true };

    public static Option<int> Seed(int defaultValue) => new("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => defaultValue };

    public static Option<bool> SkipBad() => new("--skip-bad") { Description = "Go on past unreadable ROIs and list them at the end (default: stop at the first)." };

    public static Option<string?> Cache() => new("--cache")
    {
        Description = "Feature-cache folder ('none' disables it).",
        DefaultValueFactory = _ => MassClassifierOptions.DefaultFeatureCacheDirectory,
    };

    public static Option<double> CropFactor() => new("--crop-factor")
    {
        Description = "Lesion-centred crop side in lesion radii when a mask exists (0 = whole crop).",
        DefaultValueFactory = _ => RoiOptions.Default.LesionCropFactor,
    };

    /// <summary>The options that say how ROI files are read, added to a command together.</summary>
    public sealed class RoiReading
    {
        private readonly Option<string> dataset = new("--dataset") { Description = "HDF5 dataset holding the crop.", DefaultValueFactory = _ => RoiOptions.Default.DatasetName };
        private readonly Option<int> imageChannel = new("--image-channel") { Description = "Channel of an H x W x C dataset holding the image.", DefaultValueFactory = _ => RoiOptions.Default.ImageChannel };
        private readonly Option<int> maskChannel = new("--mask-channel") { Description = "Channel holding the lesion mask (-1: ignore masks).", DefaultValueFactory = _ => RoiOptions.Default.MaskChannel ?? -1 };
        private readonly Option<double> cropFactor = CropFactor();

        public void AddTo(Command command)
        {
            command.Options.Add(dataset);
            command.Options.Add(imageChannel);
            command.Options.Add(maskChannel);
            command.Options.Add(cropFactor);
        }

        public RoiOptions Read(ParseResult parse) => new()
        {
            DatasetName = parse.GetValue(dataset)!,
            ImageChannel = parse.GetValue(imageChannel),
            MaskChannel = parse.GetValue(maskChannel) is var m && m >= 0 ? m : null,
            LesionCropFactor = parse.GetValue(cropFactor),
        };
    }

    public static string? CacheDirectory(string? value) => string.Equals(value, "none", StringComparison.OrdinalIgnoreCase) ? null : value;
}
