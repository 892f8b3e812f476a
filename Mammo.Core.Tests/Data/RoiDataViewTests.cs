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
}
