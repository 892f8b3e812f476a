using Mammo.CbisDdsm;
using Mammo.Rois;
using Microsoft.ML;

namespace Mammo.Data;

/// <summary>
/// Case descriptions linked to their ROI files: what <see cref="MassClassifier"/> trains and evaluates on.
/// </summary>
/// <remarks>
/// <para>Loading reads the CSV and finds each row's ROI file (see <see cref="Load"/>); it does not decode any image. Rows
/// whose ROI is missing or ambiguous are kept out and listed in <see cref="Skipped"/>, never silently dropped and
/// never given another abnormality's ROI.</para>
/// <para>Splits are by patient: no patient's rows are on both sides, so CC and MLO views of one lesion, and several
/// lesions of one woman, never leak between training and validation.</para>
/// </remarks>
public sealed class MassDataset
{
    internal MassDataset(string name, RoiOptions roiOptions, IReadOnlyList<MassCase> items, IReadOnlyList<SkippedRow> skipped)
    {
        Name = name;
        RoiOptions = roiOptions;
        Cases = items;
        Records = items.Select(item => item.Record).ToList();
        Skipped = skipped;
        Statistics = DatasetStatistics.Compute(items.Select(item => item.Record));
    }

    /// <summary>Gets the dataset's name: its CSV file, or a description of the subset.</summary>
    public string Name { get; }

    /// <summary>Gets how the ROI files are read.</summary>
    public RoiOptions RoiOptions { get; }

    /// <summary>Gets the rows that have a ROI file.</summary>
    public IReadOnlyList<CaseRecord> Records { get; }

    /// <summary>Gets the rows left out, with the reason for each.</summary>
    public IReadOnlyList<SkippedRow> Skipped { get; }

    /// <summary>Gets the statistics of the rows that have a ROI file.</summary>
    public DatasetStatistics Statistics { get; }

    /// <summary>Gets the rows that have a ROI file, each with the file it resolved to.</summary>
    public IReadOnlyList<MassCase> Cases { get; }

    /// <summary>Gets the number of rows that have a ROI file.</summary>
    public int Count => Cases.Count;

    /// <summary>Gets <see cref="Cases"/> under the name RoiDataView uses.</summary>
    internal IReadOnlyList<MassCase> Items => Cases;

    /// <summary>Loads a case-description CSV and links each row to its ROI file in <paramref name="roiRoot"/>.</summary>
    /// <param name="csvPath">A CBIS-DDSM mass or calcification case-description CSV.</param>
    /// <param name="roiRoot">The folder of ROI files: <c>&lt;case key&gt;.h5</c> or <c>.png</c>, optionally with the CBIS-DDSM
    /// folder prefix (<c>Mass-Training_P_00001_LEFT_CC_1.h5</c>), or the path in the row's <c>cropped image file path</c>
    /// column when it names an <c>.h5</c> or <c>.png</c> file under this folder.</param>
    /// <param name="roiOptions">How ROI files are read; <see cref="RoiOptions.Default"/> when <see langword="null"/>.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="CaseDescriptionException">The CSV is malformed.</exception>
    /// <exception cref="DatasetException">The ROI folder does not exist.</exception>
    public static MassDataset Load(string csvPath, string roiRoot, RoiOptions? roiOptions = null)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        ArgumentNullException.ThrowIfNull(roiRoot);
        roiOptions ??= RoiOptions.Default;
        roiOptions.Validate();
        var records = CaseDescriptionReader.Read(csvPath);
        var locator = new RoiLocator(roiRoot);
        var items = new List<MassCase>();
        var skipped = new List<SkippedRow>();
        foreach (var located in records.Select(locator.Locate))
        {
            if (located.Path is { } path)
            {
                items.Add(new MassCase(located.Record, path));
            }
            else
            {
                skipped.Add(new SkippedRow(located.Record.CaseKey, located.Problem!));
            }
        }

        return new MassDataset(csvPath, roiOptions, items, skipped);
    }

    /// <summary>
    /// Views the dataset as an ML.NET <see cref="IDataView"/> that decodes and preprocesses each ROI as the cursor reaches it.
    /// </summary>
    /// <returns>A streaming view; see <see cref="RoiDataView"/> for its columns.</returns>
    public IDataView ToDataView() => new RoiDataView(this);

    /// <summary>Carves a validation set from this dataset by patient, stratified by label.</summary>
    /// <param name="validationFraction">The fraction of patients (per class) that go to validation, in (0, 1).</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <returns>The training and the validation part; no patient is in both.</returns>
    /// <exception cref="DatasetException">Too few patients of a class to put one on each side.</exception>
    public (MassDataset Training, MassDataset Validation) SplitByPatient(double validationFraction, int seed)
    {
        var (training, validation) = PatientSplitter.Split(this, validationFraction, seed);
        return (Subset(training, "training part"), Subset(validation, "validation part"));
    }

    /// <summary>Divides the dataset into <paramref name="folds"/> patient-grouped, label-stratified folds for cross-validation.</summary>
    /// <param name="folds">The number of folds, at least 2.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <returns>For each fold, the training part (every other fold) and the held-out part.</returns>
    /// <exception cref="DatasetException">Fewer patients of a class than folds.</exception>
    public IReadOnlyList<(MassDataset Training, MassDataset HeldOut)> PatientFolds(int folds, int seed)
    {
        var assignment = PatientSplitter.Folds(this, folds, seed);
        return Enumerable.Range(0, folds)
            .Select(fold => (
                Subset(Cases.Where((_, i) => assignment[i] != fold).ToList(), $"fold {fold + 1} training part"),
                Subset(Cases.Where((_, i) => assignment[i] == fold).ToList(), $"fold {fold + 1} held-out part")))
            .ToList();
    }

    internal MassDataset Subset(IReadOnlyList<MassCase> items, string part) =>
        new($"{Name} ({part})", RoiOptions, items, []);
}
