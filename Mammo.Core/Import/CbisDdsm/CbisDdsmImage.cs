namespace Mammo.Import.CbisDdsm;

/// <summary>A decoded archive image: grey values row-major, brighter is higher; 16-bit from DICOM, 0..255 from JPEG.</summary>
internal sealed record CbisDdsmImage(string Path, int Width, int Height, ushort[] Pixels, bool IsLossy)
{
    public bool HasSize(int width, int height) => Width == width && Height == height;
}
