using Mammo.Data;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Tests.Data;

/// <summary>
/// The IDataView's pixels are the preprocessing of each row's own ROI file, compared value for value, in row order,
/// with the dataset's ROI options (so a view that read the wrong file, skipped the mask or lost the crop is caught).
/// </summary>
public sealed class RoiDataViewPixelTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Each_rows_pixels_are_the_preprocessing_of_its_own_roi()
    {
        // Four ROIs of different sizes (so rows are told apart), two with a lesion mask, one plain 2-D crop.
        var rows = new List<string>();
        var sizes = new[] { (64, 48, true), (90, 90, true), (50, 120, false), (128, 72, true) };
        for (var i = 0; i < sizes.Length; i++)
        {
            var (width, height, withMask) = sizes[i];
            var patient = $"P_{i + 1:D5}";
            rows.Add(TestFiles.MassRow(patient: patient, pathology: i % 2 == 0 ? "MALIGNANT" : "BENIGN"));
            TestFiles.WriteHdf5(directory.File($"{patient}_LEFT_CC_1.h5"), width, height, v => (byte)Math.Round(v * 255), withMask);
        }

        var csv = TestFiles.WriteText(directory, "cases.csv", TestFiles.Csv(TestFiles.MassHeader, [.. rows]));
        var options = RoiOptions.Default with { LesionCropFactor = 3 };
        var dataset = MassDataset.Load(csv, directory.Path, options);
        var view = dataset.ToDataView();

        var pixels = view.GetColumn<float[]>("Pixels").ToList();
        Assert.Equal(dataset.Count, pixels.Count);
        for (var i = 0; i < dataset.Count; i++)
        {
            var path = Path.Combine(directory.Path, dataset.Records[i].CaseKey + ".h5");
            var expected = RoiPreprocessor.Preprocess(RoiReader.Read(path, options), options);
            Assert.Equal(expected, pixels[i]);
        }

        // The rows differ from one another: not one ROI repeated.
        Assert.NotEqual(pixels[0], pixels[1]);
        Assert.NotEqual(pixels[1], pixels[3]);

        // A cursor over the pixels alone gives the same values as one over every column.
        using var cursor = view.GetRowCursor([view.Schema["Pixels"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema["Pixels"]);
        var buffer = default(VBuffer<float>);
        var row = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            Assert.Equal(pixels[row], buffer.DenseValues().ToArray());
            row++;
        }

        Assert.Equal(dataset.Count, row);
    }
}
