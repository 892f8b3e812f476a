namespace Mammo.Explanation;

/// <summary>The bounding box of a ROI's lesion mask, in ROI pixels, edges included.</summary>
/// <param name="Left">The first lesion column.</param>
/// <param name="Top">The first lesion row.</param>
/// <param name="Right">The last lesion column.</param>
/// <param name="Bottom">The last lesion row.</param>
public readonly record struct LesionBox(int Left, int Top, int Right, int Bottom);
