using System.Security.Cryptography;
using Google.Protobuf;
using Mammo.Preprocessing;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Mammo.Backbone;

/// <summary>
/// The frozen, ImageNet-pretrained ResNet18 that ships in the <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package,
/// run with ONNX Runtime: 3 x 224 x 224 tensors in, 512-d average-pooled features out.
/// </summary>
/// <remarks>
/// <para>The package's own preprocessing graph (<c>ResNetPreprocess.onnx</c>: RGB to BGR, minus a per-pixel mean image) is
/// applied here in managed code with the mean image read from that file, so one ONNX session does all the work.</para>
/// <para>The network's batch dimension is fixed at 1 in the file; it is made variable in memory (OnnxSharp), so batches run
/// in one call. One session serves the whole process; <see cref="InferenceSession.Run(IReadOnlyCollection{NamedOnnxValue})"/>
/// is thread-safe. Intra-op threads do not spin, so the thread decoding the next batch keeps its core.</para>
/// </remarks>
internal sealed class ResNet18Backbone : IFeatureBackbone, IDisposable
{
    public const string Name = "ResNet18 (ImageNet, Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1)";
    public const int FeatureLength = 512;
    private const string InputName = "Input247";
    private const string OutputName = "Pooling395_Output_0";

    private static readonly Lazy<ResNet18Backbone> SharedInstance = new(() => new ResNet18Backbone(DefaultModelDirectory));

    private readonly Lazy<InferenceSession> session;
    private readonly Lazy<float[]> meanImage;

    public ResNet18Backbone(string modelDirectory)
    {
        NetworkPath = Path.Combine(modelDirectory, "ResNet18Onnx", "ResNet18.onnx");
        PreprocessPath = Path.Combine(modelDirectory, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        foreach (var path in new[] { NetworkPath, PreprocessPath })
        {
            if (!File.Exists(path))
            {
                throw new BackboneException(
                    path,
                    "the backbone's model file is missing. It comes from the Microsoft.ML.DnnImageFeaturizer.ResNet18 package, " +
                    "whose build step copies DnnImageModels/ to the output folder; reference Mammo.Core as a package (or that package directly) and rebuild.");
            }
        }

        using (var network = File.OpenRead(NetworkPath))
        {
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(network));
        }

        // The mean image and the session are made on first use: loading a model, or training on cached features, only
        // needs the hash.
        meanImage = new Lazy<float[]>(() => ReadMeanImage(PreprocessPath));
        session = new Lazy<InferenceSession>(() => CreateSession([]));
    }

    /// <summary>Gets the backbone every part of Mammo shares in this process, loaded on first use.</summary>
    public static ResNet18Backbone Shared => SharedInstance.Value;

    /// <summary>Gets the folder the package's build step copies the model files to.</summary>
    public static string DefaultModelDirectory => Path.Combine(AppContext.BaseDirectory, "DnnImageModels");

    string IFeatureBackbone.Name => Name;

    int IFeatureBackbone.FeatureLength => FeatureLength;

    public string NetworkPath { get; }

    public string PreprocessPath { get; }

    /// <summary>Gets the SHA-256 of <c>ResNet18.onnx</c>, recorded in saved models and feature-cache keys.</summary>
    public string Sha256 { get; }

    /// <summary>Runs a batch of preprocessed tensors (see <see cref="RoiPreprocessor"/>) and returns their features, one after another.</summary>
    public float[] Featurize(ReadOnlySpan<float> tensors, ReadOnlySpan<Features.LesionGeometry> geometries, int count) => Featurize(tensors, count);

    /// <summary>Runs a batch of preprocessed tensors and returns their 512 pooled features, one after another.</summary>
    public float[] Featurize(ReadOnlySpan<float> tensors, int count)
    {
        if (count <= 0 || tensors.Length != count * RoiPreprocessor.TensorLength)
        {
            throw new ArgumentException("The span must hold count preprocessed tensors.", nameof(tensors));
        }

        // The mean-subtracted input goes to a pooled buffer, and ONNX Runtime writes the features straight into the
        // array returned: no copy of either beyond what the network itself needs.
        var input = System.Buffers.ArrayPool<float>.Shared.Rent(tensors.Length);
        try
        {
            ApplyPreprocessGraph(tensors, input.AsSpan(0, tensors.Length));
            var features = new float[count * FeatureLength];
            using var inputValue = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, input.AsMemory(0, tensors.Length), [count, RoiPreprocessor.Channels, RoiPreprocessor.Side, RoiPreprocessor.Side]);
            using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, features.AsMemory(), [count, FeatureLength, 1, 1]);
            using var options = new RunOptions();
            session.Value.Run(options, [InputName], [inputValue], [OutputName], [outputValue]);
            return features;
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(input);
        }
    }

    public void Dispose()
    {
        if (session.IsValueCreated)
        {
            session.Value.Dispose();
        }
    }

    /// <summary>What <c>ResNetPreprocess.onnx</c> does: swap R and B, subtract the mean image.</summary>
    internal void ApplyPreprocessGraph(ReadOnlySpan<float> rgb, Span<float> bgr)
    {
        const int plane = RoiPreprocessor.Side * RoiPreprocessor.Side;
        for (var offset = 0; offset < rgb.Length; offset += RoiPreprocessor.TensorLength)
        {
            for (var c = 0; c < RoiPreprocessor.Channels; c++)
            {
                var source = rgb.Slice(offset + ((2 - c) * plane), plane);
                var mean = meanImage.Value.AsSpan(c * plane, plane);
                var target = bgr.Slice(offset + (c * plane), plane);
                System.Numerics.Tensors.TensorPrimitives.Subtract(source, mean, target);
            }
        }
    }

    /// <summary>Reads and parses one of the package's ONNX files; an unreadable one is a <see cref="BackboneException"/> naming it.</summary>
    private static T ReadOnnxFile<T>(string path, Func<byte[], T> parse)
    {
        try
        {
            return parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) // InvalidProtocolBufferException is an IOException
        {
            throw new BackboneException(path, $"not a readable ONNX model: {e.Message}", e);
        }
    }

    private static float[] ReadMeanImage(string path)
    {
        var model = ReadOnnxFile(path, ModelProto.Parser.ParseFrom);
        var mean = model.Graph.Initializer.SingleOrDefault(t => t.Name == "MeanImage")
            ?? throw new BackboneException(path, "no 'MeanImage' initializer; this is not the expected ResNet preprocessing graph");
        var values = mean.FloatData.Count > 0
            ? mean.FloatData.ToArray()
            : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(mean.RawData.Span).ToArray();
        if (values.Length != RoiPreprocessor.TensorLength)
        {
            throw new BackboneException(path, $"the mean image holds {values.Length} values, not {RoiPreprocessor.TensorLength}");
        }

        return values;
    }

    /// <summary>
    /// Makes a session on the network held in memory, with a variable batch dimension and, beside the pooled features,
    /// the intermediate tensors named in <paramref name="extraOutputs"/> as outputs (one pass yields all of them).
    /// </summary>
    /// <exception cref="BackboneException">The network file is not a readable ONNX model, or not the expected graph.</exception>
    internal InferenceSession CreateSession(IReadOnlyList<(string Name, int[] Shape)> extraOutputs)
    {
        // The file fixes the batch at 1; a named batch dimension lets one Run take a whole batch (outputs are bit-identical).
        // The weights stay bytes (LightOnnxModel): parsing and re-encoding them cost about 0.35 s per process.
        var light = ReadOnnxFile(NetworkPath, LightOnnxModel.Parse);
        try
        {
            return CreateSession(light, extraOutputs);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            // OnnxSharp's edits and the splice assume the packaged graph; another one fails here, not at the first batch.
            throw new BackboneException(NetworkPath, $"not the expected ResNet18 export: {e.Message}", e);
        }
    }

    private InferenceSession CreateSession(LightOnnxModel light, IReadOnlyList<(string Name, int[] Shape)> extraOutputs)
    {
        var model = light.Model;
        model.Graph.Clean();
        foreach (var (name, shape) in extraOutputs)
        {
            if (!model.Graph.Node.Any(n => n.Output.Contains(name)))
            {
                throw new BackboneException(NetworkPath, $"the graph has no tensor '{name}'; this is not the expected ResNet18 export");
            }

            // An intermediate tensor becomes readable by declaring it a graph output (batch 1 here; SetDim makes it N).
            var tensorShape = new TensorShapeProto();
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
            tensorShape.Dim.Add(shape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape } },
            });
        }

        model.Graph.SetDim();
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var edited = light.ToByteArray();
        try
        {
            return new InferenceSession(edited, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new BackboneException(NetworkPath, $"ONNX Runtime cannot load it: {e.Message}", e);
        }
    }
}
