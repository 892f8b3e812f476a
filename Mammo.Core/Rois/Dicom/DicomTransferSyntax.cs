namespace Mammo.Rois.Dicom;

/// <summary>A transfer syntax by UID, with its name (as DICOM PS3.6 table A-1 gives it) so a refusal can say what the file is.</summary>
internal sealed record DicomTransferSyntax(string Uid, string Name, bool IsReadable, bool IsExplicitVr)
{
    public const string ImplicitVrLittleEndianUid = "1.2.840.10008.1.2";
    public const string ExplicitVrLittleEndianUid = "1.2.840.10008.1.2.1";


    /// <summary>The syntax for a UID as stored (trailing NUL / space padding removed); unknown UIDs are unreadable.</summary>
    public static DicomTransferSyntax FromUid(string uid) => new(
        uid,
        NameOf(uid),
        uid is ImplicitVrLittleEndianUid or ExplicitVrLittleEndianUid,
        uid != ImplicitVrLittleEndianUid);

    // A switch, not a dictionary built once: read on every call, so a mutation test's long-lived test host sees a changed name.
    private static string NameOf(string uid) => uid switch
    {
        ImplicitVrLittleEndianUid => "Implicit VR Little Endian",
        ExplicitVrLittleEndianUid => "Explicit VR Little Endian",
        "1.2.840.10008.1.2.1.99" => "Deflated Explicit VR Little Endian",
        "1.2.840.10008.1.2.2" => "Explicit VR Big Endian",
        "1.2.840.10008.1.2.4.50" => "JPEG Baseline (Process 1)",
        "1.2.840.10008.1.2.4.51" => "JPEG Extended (Process 2 & 4)",
        "1.2.840.10008.1.2.4.57" => "JPEG Lossless, Non-Hierarchical (Process 14)",
        "1.2.840.10008.1.2.4.70" => "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])",
        "1.2.840.10008.1.2.4.80" => "JPEG-LS Lossless Image Compression",
        "1.2.840.10008.1.2.4.81" => "JPEG-LS Lossy (Near-Lossless) Image Compression",
        "1.2.840.10008.1.2.4.90" => "JPEG 2000 Image Compression (Lossless Only)",
        "1.2.840.10008.1.2.4.91" => "JPEG 2000 Image Compression",
        "1.2.840.10008.1.2.4.92" => "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)",
        "1.2.840.10008.1.2.4.93" => "JPEG 2000 Part 2 Multi-component Image Compression",
        "1.2.840.10008.1.2.4.100" => "MPEG2 Main Profile / Main Level",
        "1.2.840.10008.1.2.4.201" => "High-Throughput JPEG 2000 Image Compression (Lossless Only)",
        "1.2.840.10008.1.2.4.203" => "High-Throughput JPEG 2000 Image Compression",
        "1.2.840.10008.1.2.5" => "RLE Lossless",
        _ => "an unknown transfer syntax",
    };
}
