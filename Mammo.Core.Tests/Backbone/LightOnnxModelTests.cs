using Google.Protobuf;
using CsCheck;
using Mammo.Backbone;
using Mammo.Preprocessing;
using Mammo.Tests.Support;
using Onnx;

namespace Mammo.Tests.Backbone;

public sealed class LightOnnxModelTests
{
    [Fact]
    public void Unedited_the_written_bytes_parse_to_the_original_model()
    {
        var original = SmallModel();
        var light = LightOnnxModel.Parse(original.ToByteArray());

        Assert.Equal(2, light.HeldOutCount);
        Assert.Equal(ByName(original), ByName(ModelProto.Parser.ParseFrom(light.ToByteArray())));
    }

    [Fact]
    public void Held_out_weights_keep_name_type_and_shape_but_no_values()
    {
        var light = LightOnnxModel.Parse(SmallModel().ToByteArray());

        var weights = light.Model.Graph.Initializer.Single(t => t.Name == "weights");
        Assert.Equal([128L, 256L], weights.Dims);
        Assert.Equal((int)TensorProto.Types.DataType.Float, weights.DataType);
        Assert.Empty(weights.FloatData);
        Assert.True(light.Model.Graph.Initializer.Single(t => t.Name == "raw").RawData.IsEmpty);

        // Small initializers are parsed whole.
        Assert.Equal([1f, 2f, 3f], light.Model.Graph.Initializer.Single(t => t.Name == "bias").FloatData);
        Assert.Equal("mammo-test", light.Model.ProducerName);
        Assert.Equal(8, light.Model.OpsetImport.Single().Version);
    }

    [Fact]
    public void Graph_edits_are_written_and_the_weights_follow_unchanged()
    {
        var original = SmallModel();
        var light = LightOnnxModel.Parse(original.ToByteArray());
        light.Model.Graph.Output.Add(new ValueInfoProto { Name = "hidden" });
        light.Model.Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimParam = "N";

        var written = ModelProto.Parser.ParseFrom(light.ToByteArray());

        Assert.Equal(["y", "hidden"], written.Graph.Output.Select(o => o.Name));
        Assert.Equal("N", written.Graph.Input.Single().Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(ByName(original).Graph.Initializer, ByName(written).Graph.Initializer);
        Assert.Equal(original.Graph.Node, written.Graph.Node);
    }

    [Fact]
    public void An_edit_that_reshapes_drops_or_renames_a_held_out_weight_is_refused_by_name()
    {
        var reshaped = LightOnnxModel.Parse(SmallModel().ToByteArray());
        reshaped.Model.Graph.Initializer.Single(t => t.Name == "weights").Dims[0] = 64;
        Assert.Contains("'weights'", Assert.Throws<InvalidOperationException>(() => reshaped.ToByteArray()).Message);

        var dropped = LightOnnxModel.Parse(SmallModel().ToByteArray());
        dropped.Model.Graph.Initializer.Remove(dropped.Model.Graph.Initializer.Single(t => t.Name == "raw"));
        Assert.Contains("'raw'", Assert.Throws<InvalidOperationException>(() => dropped.ToByteArray()).Message);

        var renamed = LightOnnxModel.Parse(SmallModel().ToByteArray());
        renamed.Model.Graph.Initializer.Single(t => t.Name == "raw").Name = "other";
        Assert.Contains("'raw'", Assert.Throws<InvalidOperationException>(() => renamed.ToByteArray()).Message);
    }

    [Fact]
    public void The_packaged_network_is_read_with_its_weights_held_out_and_written_back_whole()
    {
        var bytes = File.ReadAllBytes(ResNet18Backbone.Shared.NetworkPath);
        var light = LightOnnxModel.Parse(bytes);

        Assert.Equal(20, light.HeldOutCount); // the convolution kernels over 64 KB
        Assert.Equal(ByName(ModelProto.Parser.ParseFrom(bytes)), ByName(ModelProto.Parser.ParseFrom(light.ToByteArray())));
    }

    [Fact]
    public void Damaged_model_bytes_are_read_as_protobuf_reads_them_or_refused_as_protobuf_errors()
    {
        // Tags and lengths sit in the first and last few hundred bytes (the middle is weight values): damage lands there.
        var bytes = SmallModel().ToByteArray();
        var position = Gen.OneOf(Gen.Int[0, 399], Gen.Int[bytes.Length - 400, bytes.Length - 1], Gen.Int[0, bytes.Length - 1]);
        var damage = Gen.Select(position, Gen.Byte, Gen.Int[0, 2], (at, value, kind) => (at, value, kind));
        Fuzz.Run(damage, 600, d =>
        {
            var damaged = d.kind switch
            {
                0 => bytes[..d.at], // truncated
                1 => [.. bytes[..d.at], d.value, .. bytes[(d.at + 1)..]], // one byte changed
                _ => [.. bytes[..d.at], d.value, .. bytes[d.at..]], // one byte inserted
            };
            LightOnnxModel light;
            try
            {
                light = LightOnnxModel.Parse(damaged);
            }
            catch (InvalidProtocolBufferException)
            {
                return; // refused as protobuf refuses bad input
            }

            // Read: the bytes written are what protobuf makes of the damaged file, or, when damage sits in weight values
            // the light parse skips, as unreadable to protobuf (and so to ONNX Runtime) as the file itself.
            var expected = TryParse(damaged);
            var written = TryParse(light.ToByteArray());
            Assert.Equal(expected is null, written is null);
            if (expected is not null)
            {
                Assert.Equal(ByName(expected), ByName(written!));
            }
        });
    }

    [Fact]
    public void A_length_written_in_more_bytes_than_it_needs_is_read_as_protobuf_reads_it()
    {
        var model = SmallModel();
        var graph = model.Graph.ToByteArray();
        var length = graph.Length;
        byte[] padded = [(byte)((length & 0x7f) | 0x80), (byte)(((length >> 7) & 0x7f) | 0x80), (byte)(((length >> 14) & 0x7f) | 0x80), 0x80, 0x00];
        byte[] bytes = [.. WithoutGraph(model), (7 << 3) | 2, .. padded, .. graph];

        var light = LightOnnxModel.Parse(bytes);

        Assert.Equal(2, light.HeldOutCount);
        Assert.Equal(ByName(ModelProto.Parser.ParseFrom(bytes)), ByName(ModelProto.Parser.ParseFrom(light.ToByteArray())));
    }

    [Fact]
    public void Only_initializers_are_held_out_from_exactly_the_threshold_size()
    {
        // An initializer whose field is exactly the threshold, and a Constant node whose tensor attribute is larger.
        var model = SmallModel();
        var edge = new TensorProto { Name = "edge", DataType = (int)TensorProto.Types.DataType.Uint8 };
        for (var n = LightOnnxModel.HeldOutBytes - 64; FieldSize(edge) != LightOnnxModel.HeldOutBytes; n++)
        {
            edge.Dims.Clear();
            edge.Dims.Add(n);
            edge.RawData = ByteString.CopyFrom(new byte[n]);
        }

        model.Graph.Initializer.Add(edge);
        var constant = new TensorProto { Name = "c", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 20_000 } };
        constant.FloatData.AddRange(Enumerable.Repeat(0.5f, 20_000));
        model.Graph.Node.Add(new NodeProto { OpType = "Constant", Output = { "c" }, Attribute = { new AttributeProto { Name = "value", T = constant } } });

        var light = LightOnnxModel.Parse(model.ToByteArray());

        Assert.Equal(3, light.HeldOutCount);
        Assert.Equal(20_000, light.Model.Graph.Node.Single(n => n.OpType == "Constant").Attribute.Single().T.FloatData.Count);
        Assert.Equal(ByName(model), ByName(ModelProto.Parser.ParseFrom(light.ToByteArray())));
    }

    [Fact]
    public void A_graph_or_initializer_number_with_another_wire_type_is_kept_as_protobuf_keeps_it()
    {
        // Field 7 (the graph) as a varint at the model's level, field 5 (an initializer) as a varint in the graph:
        // protobuf keeps both as unknown fields.
        var model = SmallModel();
        var graph = model.Graph.ToByteArray();
        byte[] graphWithOddField = [.. graph, (5 << 3) | 0, 0x01];
        var length = new byte[CodedOutputStream.ComputeLengthSize(graphWithOddField.Length)];
        new CodedOutputStream(length).WriteLength(graphWithOddField.Length);
        byte[] bytes = [.. WithoutGraph(model), (7 << 3) | 0, 0x05, (7 << 3) | 2, .. length, .. graphWithOddField];

        var light = LightOnnxModel.Parse(bytes);

        Assert.Equal(2, light.HeldOutCount);
        Assert.Equal(ByName(ModelProto.Parser.ParseFrom(bytes)), ByName(ModelProto.Parser.ParseFrom(light.ToByteArray())));
    }

    /// <summary>Copies the packaged model files to a folder of the test's own.</summary>
    private static TempDirectory CopyOfTheModelFiles()
    {
        var directory = new TempDirectory();
        foreach (var file in new[] { "ResNet18Onnx/ResNet18.onnx", "ResNetPrepOnnx/ResNetPreprocess.onnx" })
        {
            var target = Path.Combine(directory.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(ResNet18Backbone.DefaultModelDirectory, file), target);
        }

        return directory;
    }

    [Fact]
    public void A_preprocessing_file_that_is_not_onnx_gives_a_backbone_error_naming_it_when_first_needed()
    {
        // The mean image is read on the network's first use, not when the backbone is made (a warm run never needs it).
        using var directory = CopyOfTheModelFiles();
        var preprocess = Path.Combine(directory.Path, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        File.WriteAllBytes(preprocess, File.ReadAllBytes(preprocess)[..5_000]);
        using var backbone = new ResNet18Backbone(directory.Path);

        var error = Assert.Throws<BackboneException>(() => backbone.ApplyPreprocessGraph(new float[RoiPreprocessor.TensorLength], new float[RoiPreprocessor.TensorLength]));
        Assert.Equal(preprocess, error.FilePath);
        Assert.Contains("not a readable ONNX model", error.Message);
    }

    [Fact]
    public void A_network_file_that_is_not_onnx_gives_a_backbone_error_naming_it()
    {
        using var directory = CopyOfTheModelFiles();
        var network = Path.Combine(directory.Path, "ResNet18Onnx", "ResNet18.onnx");
        File.WriteAllBytes(network, File.ReadAllBytes(network)[..100_000]);
        using var backbone = new ResNet18Backbone(directory.Path);

        var error = Assert.Throws<BackboneException>(() => backbone.CreateSession([]));
        Assert.Equal(network, error.FilePath);
        Assert.Contains("not a readable ONNX model", error.Message);
    }

    /// <summary>The model's fields but its graph, encoded: a test then writes the graph field itself.</summary>
    private static byte[] WithoutGraph(ModelProto model)
    {
        var rest = model.Clone();
        rest.Graph = null;
        return rest.ToByteArray();
    }

    private static int FieldSize(TensorProto tensor) =>
        1 + CodedOutputStream.ComputeLengthSize(tensor.CalculateSize()) + tensor.CalculateSize();

    private static ModelProto? TryParse(byte[] bytes)
    {
        try
        {
            return ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The model with its initializers in name order (held-out ones are written after the rest).</summary>
    private static ModelProto ByName(ModelProto model)
    {
        var sorted = model.Clone();
        sorted.Graph.Initializer.Clear();
        sorted.Graph.Initializer.Add(model.Graph.Initializer.OrderBy(t => t.Name, StringComparer.Ordinal));
        return sorted;
    }

    /// <summary>A graph with two initializers above the held-out size (packed floats, raw bytes) and one below.</summary>
    private static ModelProto SmallModel()
    {
        var random = new Random(5);
        var weights = new TensorProto { Name = "weights", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 128, 256 } };
        weights.FloatData.AddRange(Enumerable.Range(0, 128 * 256).Select(_ => (float)random.NextDouble()));
        var rawBytes = new byte[LightOnnxModel.HeldOutBytes + 8];
        random.NextBytes(rawBytes);
        var raw = new TensorProto { Name = "raw", DataType = (int)TensorProto.Types.DataType.Uint8, Dims = { rawBytes.Length }, RawData = ByteString.CopyFrom(rawBytes) };
        var bias = new TensorProto { Name = "bias", DataType = (int)TensorProto.Types.DataType.Float, Dims = { 3 }, FloatData = { 1f, 2f, 3f } };
        var shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimValue = 1 }, new TensorShapeProto.Types.Dimension { DimValue = 128 } } };
        var graph = new GraphProto
        {
            Name = "g",
            Node = { new NodeProto { OpType = "MatMul", Input = { "x", "weights" }, Output = { "hidden" } }, new NodeProto { OpType = "Add", Input = { "hidden", "bias" }, Output = { "y" } } },
            Initializer = { weights, bias, raw },
            Input = { new ValueInfoProto { Name = "x", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } } },
            Output = { new ValueInfoProto { Name = "y" } },
        };
        return new ModelProto { IrVersion = 3, ProducerName = "mammo-test", OpsetImport = { new OperatorSetIdProto { Version = 8 } }, Graph = graph };
    }
}
