using System.Diagnostics.CodeAnalysis;

namespace Mammo.Rois.Dicom;

/// <summary>The errors of the DICOM reader, all <see cref="RoiFormatException"/>s naming the file; kept apart so the parser stays readable.</summary>
internal static class DicomThrowHelper
{
    [DoesNotReturn]
    public static void Format(string path, string problem) => throw new RoiFormatException(path, problem);

    [DoesNotReturn]
    public static void Truncated(string path, long offset, string what) =>
        throw new RoiFormatException(path, $"is a truncated DICOM file: {what} at byte {offset} runs past the end of the file");

    [DoesNotReturn]
    public static void NotPart10(string path) =>
        throw new RoiFormatException(path, "is not a DICOM Part 10 file (no 'DICM' after the 128-byte preamble)");

    [DoesNotReturn]
    public static void UnsupportedTransferSyntax(string path, DicomTransferSyntax syntax) =>
        throw new RoiFormatException(
            path,
            $"uses the transfer syntax {syntax.Uid} ({syntax.Name}), which Mammo does not read; only uncompressed " +
            "Explicit and Implicit VR Little Endian are read (convert it first, e.g. with DCMTK's dcmdjpeg or dcmconv +te)");

    [DoesNotReturn]
    public static void BadElement(string path, DicomTag tag, long offset, string problem) =>
        throw new RoiFormatException(path, $"DICOM element {tag} at byte {offset}: {problem}");

    [DoesNotReturn]
    public static void Missing(string path, DicomTag tag, string name) =>
        throw new RoiFormatException(path, $"the DICOM file has no {name} {tag}, which an image needs");

    [DoesNotReturn]
    public static void Unsupported(string path, string what) =>
        throw new RoiFormatException(path, $"the DICOM image is {what}, which Mammo does not read (grayscale 8- or 16-bit images are read)");
}
