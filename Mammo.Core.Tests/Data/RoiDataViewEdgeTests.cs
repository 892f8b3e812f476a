using Mammo.CbisDdsm;
using Mammo.Data;
using Mammo.Preprocessing;
using Mammo.Rois;
using Mammo.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Tests.Data;

/// <summary>
/// Edges of the IDataView on datasets made in memory: descriptors with no terms, a column that is not the view's, and
/// pixels read on a later row without the earlier rows' ROIs being decoded.
/// </summary>
public sealed class RoiDataViewEdgeTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static CaseRecord Record(string patient) => new()
    {
        PatientId = patient,
        Side = BreastSide.Left,
        View = ImageView.CC,
        AbnormalityId = 1,
        AbnormalityType = AbnormalityType.Mass,
        BreastDensity = 2,
        Assessment = 3,
        Pathology = Pathology.Benign,
        Subtlety = 3,
    };

    private static IDataView View(params MassCase[] cases) => new MassDataset("cases.csv", RoiOptions.Default, cases, []).ToDataView();

    [Fact]
    public void No_shape_or_margin_terms_read_as_not_available()
    {
        var view = View(
            new MassCase(Record("P_1"), "a.h5"),
            new MassCase(Record("P_2") with { MassShapes = [MassShape.Round], MassMargins = [MassMargin.Obscured, MassMargin.Microlobulated] }, "b.h5"));
        Assert.Equal(["NA", "ROUND"], view.GetColumn<string>("MassShape"));
        Assert.Equal(["NA", "OBSCURED-MICROLOBULATED"], view.GetColumn<string>("MassMargins"));
    }

    [Fact]
    public void A_column_of_another_schema_past_the_views_last_is_refused()
    {
        // A schema one column wider than the view's (15 columns): its last column's index is one past the view's.
        var builder = new DataViewSchema.Builder();
        for (var i = 0; i <= 15; i++)
        {
            builder.AddColumn($"C{i}", NumberDataViewType.Int32);
        }

        var foreign = builder.ToSchema()[15];
        var view = View(new MassCase(Record("P_1"), "a.h5"));
        Assert.Equal(15, view.Schema.Count);
        using var cursor = view.GetRowCursor([foreign]);
        var error = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<int>(foreign));
        Assert.Equal("Column 'C15' was not requested when the cursor was made.", error.Message);
    }

    [Fact]
    public void Pixels_read_first_on_the_second_row_are_that_rows_roi()
    {
        // The first row's ROI does not exist: only rows whose pixels are read are decoded.
        var path = TestFiles.WriteHdf5(directory.File("P_2_LEFT_CC_1.h5"), 24, 20, v => (byte)(v * 255), withMask: true, gzip: false);
        var view = View(new MassCase(Record("P_1"), directory.File("missing.h5")), new MassCase(Record("P_2"), path));
        var column = view.Schema["Pixels"];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        Assert.True(cursor.MoveNext());
        Assert.True(cursor.MoveNext());
        var pixels = default(VBuffer<float>);
        getter(ref pixels);
        Assert.Equal(RoiPreprocessor.Preprocess(RoiReader.Read(path, RoiOptions.Default), RoiOptions.Default), pixels.DenseValues());
    }
}
