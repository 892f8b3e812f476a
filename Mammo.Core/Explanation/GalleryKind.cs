namespace Mammo.Explanation;

/// <summary>The kinds of decision a gallery of explanations shows.</summary>
public enum GalleryKind
{
    /// <summary>A malignant ROI called malignant.</summary>
    TruePositive,

    /// <summary>A benign ROI called malignant.</summary>
    FalsePositive,

    /// <summary>A malignant ROI called benign.</summary>
    FalseNegative,
}
