namespace Mammo.Rois;

/// <summary>
/// The bytes of every file that decides one ROI's tensor, read once: the ROI file and, for a PNG crop, its mask file
/// (or its absence). The feature-cache key and the decoder both work from these bytes, so what is hashed is what is decoded.
/// </summary>
/// <param name="Path">The ROI file.</param>
/// <param name="Bytes">Its content.</param>
/// <param name="MaskPath">The mask file that was looked for, or <see langword="null"/> when the format keeps its mask inside.</param>
/// <param name="MaskBytes">The mask file's content, or <see langword="null"/> when it does not exist (or is not looked for).</param>
internal sealed record RoiFiles(string Path, byte[] Bytes, string? MaskPath, byte[]? MaskBytes);
