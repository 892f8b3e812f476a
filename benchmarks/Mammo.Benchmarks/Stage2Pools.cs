using Mammo.Backbone;
using Mammo.Features;
using Mammo.Preprocessing;
using Mammo.Rois;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Mammo.Benchmarks;

/// <summary>
/// Measurement only: the stage-2 map of the packaged ResNet18 (<c>ReLU315</c>, 128 x 28 x 28, the output of the second
/// stage, which feeds both the first stage-3 convolution and its projection), pooled by mean and max inside the lesion
/// and in the ring like the library's stage-3 and stage-4 blocks, each block signed-square-rooted and scaled to unit
/// length (512 floats per ROI). A separate session declares the map an output; the library's runner is untouched.
/// </summary>
internal static class Stage2Pools
{
    public const string Name = "ReLU315_Output_0";
    public static readonly MapShape Shape = new(128, 28, 28);

    public static int Length => 4 * Shape.Channels;

    /// <summary>Describes the tensor's consumers in the graph, to check it is the stage's output (two convolutions read it).</summary>
    public static string Consumers()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ResNet18Backbone.Shared.NetworkPath));
        return string.Join(", ", model.Graph.Node.Where(n => n.Input.Contains(Name)).Select(n => $"{n.OpType} {n.Name}"));
    }

    public static float[][] Compute(IReadOnlyList<RoiImage> rois, RoiOptions options)
    {
        using var session = ResNet18Backbone.Shared.CreateSession([(Name, [Shape.Channels, Shape.Height, Shape.Width])]);
        var result = new float[rois.Count][];
        var tensor = new float[RoiPreprocessor.TensorLength];
        var input = new float[RoiPreprocessor.TensorLength];
        for (var i = 0; i < rois.Count; i++)
        {
            RoiPreprocessor.Preprocess(rois[i], options, 0, tensor);
            ResNet18Backbone.Shared.ApplyPreprocessGraph(tensor, input);
            var map = new float[Shape.Length];
            using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(), [1, RoiPreprocessor.Channels, RoiPreprocessor.Side, RoiPreprocessor.Side]);
            using var mapValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, map.AsMemory(), [1, Shape.Channels, Shape.Height, Shape.Width]);
            using var runOptions = new RunOptions();
            session.Run(runOptions, ["Input247"], [inputValue], [Name], [mapValue]);
            var geometry = LesionGeometry.Of(rois[i], options, 0);
            var pooled = new float[Length];
            var at = 0;
            foreach (var region in new[] { MapRegion.Lesion, MapRegion.Ring })
            {
                var cells = MapRegions.Build(geometry, region, Shape.Height, Shape.Width);
                var mean = pooled.AsSpan(at, Shape.Channels);
                var max = pooled.AsSpan(at + Shape.Channels, Shape.Channels);
                RegionPooling.MeanMax(map, Shape, cells, mean, max);
                foreach (var block in new[] { at, at + Shape.Channels })
                {
                    RegionPooling.SignedSquareRoot(pooled.AsSpan(block, Shape.Channels));
                    RegionPooling.L2Normalize(pooled.AsSpan(block, Shape.Channels));
                }

                at += 2 * Shape.Channels;
            }

            result[i] = pooled;
        }

        return result;
    }
}
