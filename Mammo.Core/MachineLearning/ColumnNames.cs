namespace Mammo.MachineLearning;

/// <summary>The working columns of the ML.NET featuriser; dropped again before its output, so users never see them.</summary>
internal static class ColumnNames
{
    /// <summary>The prefix no user column may carry, so a working column never overwrites one of theirs.</summary>
    public const string Prefix = "__mammo_";

    public const string RoiPath = Prefix + "roi_path";
    public const string RoiImage = Prefix + "roi_image";
    public const string RoiOptions = Prefix + "roi_options";
    public const string Marker = Prefix + "marker";
    public const string Features = Prefix + "features";
}
