namespace Mammo.Import.CbisDdsm;

/// <summary>One image file of a CBIS-DDSM download, with the case folder it belongs to.</summary>
/// <param name="Path">The file.</param>
/// <param name="CaseFolder">The case folder name, e.g. <c>Mass-Training_P_00001_LEFT_CC_1</c> (a DICOM path's ancestor, or <c>dicom_info.csv</c>'s <c>PatientID</c>).</param>
/// <param name="Description">What the download says the file is: the series folder's name or <c>SeriesDescription</c> (e.g. <c>ROI mask images</c>); may be empty.</param>
/// <param name="IsJpeg">Whether the file is one of the JPEG redistribution's 8-bit lossy JPEGs (else DICOM).</param>
internal sealed record CbisDdsmFile(string Path, string CaseFolder, string Description, bool IsJpeg)
{
    public bool SaysFullMammogram => Description.Contains("full mammogram", StringComparison.OrdinalIgnoreCase);
}
