namespace Mammo.Import.CbisDdsm;

/// <summary>
/// What became of the rows of a <c>dicom_info.csv</c>: the images found, and how many rows were left out and why. The
/// file indexes every image of the redistribution (full mammograms and calcifications too), so rows left out are
/// counted here and in <c>import.json</c>; a case row that then lacks its image is reported by the importer itself.
/// </summary>
/// <param name="Files">The images the rows name that exist under the images folder.</param>
/// <param name="Incomplete">Rows without an <c>image_path</c> or a <c>PatientID</c>.</param>
/// <param name="Unresolved">Rows whose <c>image_path</c> names no file under the images folder (or leaves it with <c>..</c>).</param>
internal sealed record DicomInfoRows(List<CbisDdsmFile> Files, int Incomplete, int Unresolved)
{
    /// <summary>Gets the number of data rows read.</summary>
    public int Count => Files.Count + Incomplete + Unresolved;

    /// <summary>One line for the import report.</summary>
    public string Describe() =>
        $"{Count} rows: {Files.Count} name an image found under the images folder, {Unresolved} name none there, {Incomplete} lack image_path or PatientID";
}
