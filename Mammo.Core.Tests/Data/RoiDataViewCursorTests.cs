using Mammo.Data;
using Mammo.Rois;
using Mammo.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Tests.Data;

/// <summary>
/// The IDataView's schema, values and cursor conventions on a three-row dataset of small ROIs: exact column names and
/// types, each column's value for known rows, and ML.NET's cursor rules (position, getters off a row, unrequested
/// columns, wrong types, one delegate per column, row ids).
/// </summary>
public sealed class RoiDataViewCursorTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private IDataView View(out MassDataset dataset)
    {
        var rows = new[]
        {
            TestFiles.MassRow(patient: "P_00001", side: "LEFT", view: "CC", id: 1, shape: "OVAL", margins: "CIRCUMSCRIBED", pathology: "BENIGN", density: 2, assessment: 3, subtlety: 5),
            TestFiles.MassRow(patient: "P_00002", side: "RIGHT", view: "MLO", id: 2, shape: "IRREGULAR-LOBULATED", margins: "SPICULATED", pathology: "MALIGNANT", density: 4, assessment: 5, subtlety: 2),
            TestFiles.MassRow(patient: "P_00003", side: "LEFT", view: "MLO", id: 1, pathology: "BENIGN_WITHOUT_CALLBACK", density: 1, assessment: 2, subtlety: 3),
        };
        TestFiles.WriteHdf5(directory.File("P_00001_LEFT_CC_1.h5"), 40, 32, v => (byte)(v * 255), true);
        TestFiles.WriteHdf5(directory.File("P_00002_RIGHT_MLO_2.h5"), 48, 40, v => (byte)(v * 255), true);
        TestFiles.WriteHdf5(directory.File("P_00003_LEFT_MLO_1.h5"), 36, 36, v => (byte)(v * 255), true);
        var csv = TestFiles.WriteText(directory, "cases.csv", TestFiles.Csv(TestFiles.MassHeader, rows));
        dataset = MassDataset.Load(csv, directory.Path, RoiOptions.Default);
        return dataset.ToDataView();
    }

    [Fact]
    public void The_schema_names_and_types_every_column_in_order()
    {
        var view = View(out var dataset);
        Assert.Equal(
            ["Label", "CaseKey", "PatientId", "LesionKey", "Pathology", "Side", "View", "MassShape", "MassMargins", "RoiPath", "AbnormalityId", "BreastDensity", "Assessment", "Subtlety", "Pixels"],
            view.Schema.Select(c => c.Name));
        Assert.Equal(BooleanDataViewType.Instance, view.Schema["Label"].Type);
        Assert.All(view.Schema.Skip(1).Take(9), c => Assert.Equal(TextDataViewType.Instance, c.Type));
        Assert.All(view.Schema.Skip(10).Take(4), c => Assert.Equal(NumberDataViewType.Int32, c.Type));
        var pixels = Assert.IsType<VectorDataViewType>(view.Schema["Pixels"].Type);
        Assert.Equal(NumberDataViewType.Single, pixels.ItemType);
        Assert.Equal([3, 224, 224], pixels.Dimensions);
        Assert.Equal(3L, view.GetRowCount());
        Assert.False(view.CanShuffle);
        Assert.Single(view.GetRowCursorSet(view.Schema, 4));
        Assert.Equal(3, dataset.Count);
    }

    [Fact]
    public void Each_column_reads_its_rows_value()
    {
        var view = View(out var dataset);
        Assert.Equal([false, true, false], view.GetColumn<bool>("Label"));
        Assert.Equal(["P_00001_LEFT_CC_1", "P_00002_RIGHT_MLO_2", "P_00003_LEFT_MLO_1"], view.GetColumn<string>("CaseKey"));
        Assert.Equal(["P_00001", "P_00002", "P_00003"], view.GetColumn<string>("PatientId"));
        Assert.Equal(dataset.Cases.Select(c => c.Record.LesionKey), view.GetColumn<string>("LesionKey"));
        Assert.Equal(["LEFT", "RIGHT", "LEFT"], view.GetColumn<string>("Side"));
        Assert.Equal(["CC", "MLO", "MLO"], view.GetColumn<string>("View"));
        Assert.Equal(["BENIGN", "MALIGNANT", "BENIGN_WITHOUT_CALLBACK"], view.GetColumn<string>("Pathology"));
        Assert.Equal(["OVAL", "IRREGULAR-LOBULATED", "IRREGULAR-ARCHITECTURAL_DISTORTION"], view.GetColumn<string>("MassShape"));
        Assert.Equal(["CIRCUMSCRIBED", "SPICULATED", "SPICULATED"], view.GetColumn<string>("MassMargins"));
        Assert.Equal(dataset.Cases.Select(c => c.RoiPath), view.GetColumn<string>("RoiPath"));
        Assert.Equal([1, 2, 1], view.GetColumn<int>("AbnormalityId"));
        Assert.Equal([2, 4, 1], view.GetColumn<int>("BreastDensity"));
        Assert.Equal([3, 5, 2], view.GetColumn<int>("Assessment"));
        Assert.Equal([5, 2, 3], view.GetColumn<int>("Subtlety"));
    }

    [Fact]
    public void A_cursor_follows_mlnets_conventions()
    {
        var view = View(out _);
        var label = view.Schema["Label"];
        using var cursor = view.GetRowCursor([label, view.Schema["CaseKey"]]);
        Assert.Equal(-1, cursor.Position);
        Assert.Equal(0, cursor.Batch);
        var getLabel = cursor.GetGetter<bool>(label);
        Assert.Same(getLabel, cursor.GetGetter<bool>(label));
        var value = false;
        var before = Assert.Throws<InvalidOperationException>(() => getLabel(ref value));
        Assert.Contains("MoveNext first", before.Message);

        Assert.True(cursor.IsColumnActive(label));
        Assert.False(cursor.IsColumnActive(view.Schema["Pixels"]));
        var unrequested = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(view.Schema["Pixels"]));
        Assert.Contains("'Pixels' was not requested", unrequested.Message);
        var wrongType = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<int>(view.Schema["CaseKey"]));
        Assert.Contains("'CaseKey' is of type", wrongType.Message);

        var ids = new List<ulong>();
        var getId = cursor.GetIdGetter();
        Assert.Same(getId, cursor.GetIdGetter());
        DataViewRowId noRow = default;
        Assert.Throws<InvalidOperationException>(() => getId(ref noRow));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<int>(label));
        var labels = new List<bool>();
        while (cursor.MoveNext())
        {
            DataViewRowId id = default;
            getId(ref id);
            ids.Add(id.Low);
            getLabel(ref value);
            labels.Add(value);
            Assert.Equal(ids.Count - 1, cursor.Position);
        }

        Assert.Equal([0UL, 1UL, 2UL], ids);
        Assert.Equal([false, true, false], labels);
        Assert.Equal(-1, cursor.Position);
        Assert.False(cursor.MoveNext());
        Assert.Equal(-1, cursor.Position);
        var after = Assert.Throws<InvalidOperationException>(() => getLabel(ref value));
        Assert.Contains("past the last row", after.Message);
    }
}
