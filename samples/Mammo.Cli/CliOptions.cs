using System.CommandLine;
using Mammo.Rois;
using Mammo.Training;

namespace Mammo.Cli;

/// <summary>Options shared by several verbs, defined once; defaults come from the library's own options types.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and detailed logs.",
        Recursive = true,
    };

    public static Option<FileInfo> Csv() => new Option<FileInfo>("--csv") { Description = "A CBIS-DDSM case-description CSV.", Required = true }.AcceptExistingOnly();

    public static Option<DirectoryInfo> RoiRoot() =>
        new Option<DirectoryInfo>("--roi-root") { Description = "The folder of ROI files (<case key>.h5 or .png).", Required = true }.AcceptExistingOnly();

    public static Option<FileInfo> Model() => new Option<FileInfo>("--model") { Description = "A model saved by 'mammo train'.", Required = true }.AcceptExistingOnly();

    public static Option<int> Seed(int defaultValue) => new("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => defaultValue };

    /// <summary>How many rows of each kind the report's gallery explains (each costs about 50 network passes).</summary>
    public static Option<int> Gallery()
    {
        var option = new Option<int>("--gallery")
        {
            Description = "Rows of each kind (true positive, false positive, false negative) the report explains, about 1.3 s each on 2 cores; 0 leaves the explanations and the network-view panel out.",
            DefaultValueFactory = _ => Reporting.Gallery.DefaultPerKind,
        };

        // A token that is not a number is left to the parser's own error; only a parsed negative count is refused here.
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var rows) && rows < 0)
            {
                result.AddError($"--gallery: {rows} rows; give 0 or more");
            }
        });
        return option;
    }

    public static Option<bool> SkipBad() => new("--skip-bad") { Description = "Go on past unreadable ROIs and list them at the end (default: stop at the first)." };

    /// <summary>The feature cache: a folder, or none with <c>--no-cache</c>.</summary>
    public sealed class Caching
    {
        private readonly Option<DirectoryInfo> cache = new("--cache")
        {
            Description = "Feature-cache folder.",
            DefaultValueFactory = _ => new DirectoryInfo(MassClassifierOptions.DefaultFeatureCacheDirectory),
        };

        private readonly Option<bool> noCache = new("--no-cache") { Description = "Do not read or write the feature cache." };

        public void AddTo(Command command)
        {
            command.Options.Add(cache);
            command.Options.Add(noCache);
        }

        public string? Read(ParseResult parse) => parse.GetValue(noCache) ? null : parse.GetValue(cache)!.FullName;
    }

    /// <summary>The options that say how ROI files are read, added to a command together.</summary>
    public sealed class RoiReading
    {
        private readonly Option<string> dataset = new("--dataset") { Description = "HDF5 dataset holding the crop.", DefaultValueFactory = _ => RoiOptions.Default.DatasetName };
        private readonly Option<int> imageChannel = new("--image-channel") { Description = "Channel of an H x W x C dataset holding the image.", DefaultValueFactory = _ => RoiOptions.Default.ImageChannel };
        private readonly Option<int?> maskChannel = new("--mask-channel") { Description = "Channel holding the lesion mask.", DefaultValueFactory = _ => RoiOptions.Default.MaskChannel };
        private readonly Option<bool> ignoreMasks = new("--ignore-masks") { Description = "Ignore lesion masks (HDF5 mask channels and PNG mask files): sample the whole crop." };
        private readonly Option<double> cropFactor = new("--crop-factor")
        {
            Description = "Lesion-centred crop side in lesion radii when a mask exists (0 = whole crop).",
            DefaultValueFactory = _ => RoiOptions.Default.LesionCropFactor,
        };

        public void AddTo(Command command)
        {
            command.Options.Add(dataset);
            command.Options.Add(imageChannel);
            command.Options.Add(maskChannel);
            command.Options.Add(ignoreMasks);
            command.Options.Add(cropFactor);
        }

        public RoiOptions Read(ParseResult parse) => RoiOptions.Default with
        {
            DatasetName = parse.GetValue(dataset)!,
            ImageChannel = parse.GetValue(imageChannel),
            MaskChannel = parse.GetValue(ignoreMasks) ? null : parse.GetValue(maskChannel),
            LesionCropFactor = parse.GetValue(cropFactor),
        };
    }
}
