using Mammo.Rois.Dicom;

namespace Mammo.Tests.Rois.Dicom;

public sealed class DicomTransferSyntaxTests
{
    [Fact]
    public void Each_uid_gives_the_standards_name_and_only_the_two_little_endian_syntaxes_are_read()
    {
        // DICOM PS3.6 table A-1 (big endian without its "(Retired)" mark).
        (string Uid, string Name)[] standard =
        [
            ("1.2.840.10008.1.2", "Implicit VR Little Endian"),
            ("1.2.840.10008.1.2.1", "Explicit VR Little Endian"),
            ("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            ("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            ("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"),
            ("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"),
            ("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
            ("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])"),
            ("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
            ("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
            ("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
            ("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
            ("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
            ("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
            ("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
            ("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
            ("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
            ("1.2.840.10008.1.2.5", "RLE Lossless"),
        ];
        foreach (var (uid, name) in standard)
        {
            var syntax = DicomTransferSyntax.FromUid(uid);
            Assert.Equal((uid, name), (syntax.Uid, syntax.Name));
            Assert.Equal(uid is "1.2.840.10008.1.2" or "1.2.840.10008.1.2.1", syntax.IsReadable);
            Assert.Equal(uid != "1.2.840.10008.1.2", syntax.IsExplicitVr);
        }

        var unknown = DicomTransferSyntax.FromUid("1.2.3.4");
        Assert.Equal(("an unknown transfer syntax", false), (unknown.Name, unknown.IsReadable));
    }
}
