using Mammo.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Tests.Data;

public sealed class RoiDataViewTests
{
    [Fact]
    public void Streams_labels_keys_and_backbone_ready_pixels_repeatably()
    {
        var dataset = SmallSynthetic.Test;
        var view = dataset.ToDataView();
        Assert.Equal(dataset.Count, view.GetRowCount());
        var pixelsType = Assert.IsType<VectorDataViewType>(view.Schema["Pixels"].Type);
        Assert.Equal(3 * 224 * 224, pixelsType.Size);

        var ml = new MLContext(1);
        var labels = view.GetColumn<bool>("Label").ToList();
        Assert.Equal(dataset.Records.Select(r => r.IsMalignant), labels);
        Assert.Equal(dataset.Records.Select(r => r.CaseKey), view.GetColumn<string>("CaseKey"));
        Assert.Equal(dataset.Records.Select(r => r.PatientId), view.GetColumn<string>("PatientId"));

        var first = view.GetColumn<float[]>("Pixels").Take(3).ToList();
        var second = view.GetColumn<float[]>("Pixels").Take(3).ToList();
        Assert.Equal(first, second);
        Assert.InRange(first[0].Max(), 1f, 255.001f);
        Assert.NotNull(ml);
    }

    [Fact]
    public void Pixels_equal_the_preprocessors_output_for_the_same_file()
    {
        var dataset = SmallSynthetic.Test;
        var view = dataset.ToDataView();
        var column = view.Schema["Pixels"];
        using var cursor = view.GetRowCursor([column, view.Schema["RoiPath"]]);
        var getPixels = cursor.GetGetter<VBuffer<float>>(column);
        var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["RoiPath"]);
        var buffer = default(VBuffer<float>);
        var path = default(ReadOnlyMemory<char>);
        for (var row = 0; row < 3 && cursor.MoveNext(); row++)
        {
            getPixels(ref buffer);
            getPath(ref path);
            Assert.Equal(dataset.Items[row].RoiPath, path.ToString());
            var expected = Mammo.Preprocessing.RoiPreprocessor.Preprocess(
                Mammo.Rois.RoiReader.Read(dataset.Items[row].RoiPath, dataset.RoiOptions), dataset.RoiOptions);
            Assert.Equal(expected, buffer.DenseValues().ToArray());
        }
    }
}
