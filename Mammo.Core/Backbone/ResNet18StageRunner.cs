using Mammo.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace Mammo.Backbone;

/// <summary>
/// Runs the backbone once per batch and returns, beside the 512 pooled features, the feature maps of the last two stages:
/// the input of the last stage (<c>ReLU347</c>, 256 x 14 x 14) and the last stage's output before pooling
/// (<c>ReLU393</c>, 512 x 7 x 7), so every feature recipe is derived from one pass.
/// </summary>
/// <remarks>
/// The maps are made readable by declaring them graph outputs of the network held in memory (the model file is not
/// changed and no second model is shipped). The names were read from the graph of the packaged ResNet18.onnx (a CNTK
/// export); a different file fails at session creation with a <see cref="BackboneException"/> naming the missing tensor.
/// </remarks>
internal sealed class ResNet18StageRunner : IFeatureBackbone, IDisposable
{
    public const string PooledName = "Pooling395_Output_0";
    public const string Stage3Name = "ReLU347_Output_0";
    public const string Stage4Name = "ReLU393_Output_0";
    private const string InputName = "Input247";

    public static readonly MapShape Stage3 = new(256, 14, 14);
    public static readonly MapShape Stage4 = new(512, 7, 7);

    private static readonly Lazy<ResNet18StageRunner> SharedInstance = new(() => new ResNet18StageRunner(ResNet18Backbone.Shared));

    private readonly ResNet18Backbone backbone;
    private readonly Lazy<InferenceSession> session;

    public ResNet18StageRunner(ResNet18Backbone backbone)
    {
        this.backbone = backbone;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(backbone.Sha256 + "|" + Features.FeatureBundle.Version)));
        session = new Lazy<InferenceSession>(() => backbone.CreateSession(
            [(Stage3Name, [Stage3.Channels, Stage3.Height, Stage3.Width]), (Stage4Name, [Stage4.Channels, Stage4.Height, Stage4.Width])]));
    }

    /// <summary>Gets the runner every part of Mammo shares in this process, its session made on first use.</summary>
    public static ResNet18StageRunner Shared => SharedInstance.Value;

    /// <summary>Gets whether <see cref="Shared"/> has been made (its file hashed) in this process.</summary>
    public static bool IsSharedCreated => SharedInstance.IsValueCreated;

    /// <summary>Gets the name recorded in saved models.</summary>
    public string Name => ResNet18Backbone.Name + "; pooled + stage-3/4 region pools (" + Features.FeatureBundle.Version + ")";

    /// <summary>Gets the length of what <see cref="Featurize"/> returns per image: a whole <see cref="Features.FeatureBundle"/>.</summary>
    public int FeatureLength => Features.FeatureBundle.Length;

    /// <summary>Gets a hash of the network file and the bundle layout: a bundle cache entry or a model made under another layout does not match.</summary>
    public string Sha256 { get; }

    /// <summary>Runs a batch and pools each image's outputs into its feature bundle, one after another.</summary>
    public float[] Featurize(ReadOnlySpan<float> tensors, ReadOnlySpan<Features.LesionGeometry> geometries, int count)
    {
        var outputs = Run(tensors, count);
        var bundles = new float[count * Features.FeatureBundle.Length];

        // Pooling is per image and independent: on all cores (the network has finished, so they are free).
        var each = geometries[..count].ToArray();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            Features.FeatureBundle.Build(outputs, i, each[i]).CopyTo(bundles, i * Features.FeatureBundle.Length));
        return bundles;
    }

    /// <summary>Runs a batch of preprocessed tensors (see <see cref="RoiPreprocessor"/>) through the network once.</summary>
    public StageOutputs Run(ReadOnlySpan<float> tensors, int count)
    {
        if (count <= 0 || tensors.Length != count * RoiPreprocessor.TensorLength)
        {
            throw new ArgumentException("The span must hold count preprocessed tensors.", nameof(tensors));
        }

        // The mean-subtracted input goes to a pooled buffer, and ONNX Runtime writes the three outputs straight into the
        // arrays returned (bound before the run): no copy of any of them beyond what the network itself needs.
        var input = System.Buffers.ArrayPool<float>.Shared.Rent(tensors.Length);
        try
        {
            backbone.ApplyPreprocessGraph(tensors, input.AsSpan(0, tensors.Length));
            var result = new StageOutputs(
                count, new float[count * ResNet18Backbone.FeatureLength], new float[count * Stage3.Length], new float[count * Stage4.Length]);
            using var inputValue = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, input.AsMemory(0, tensors.Length), [count, RoiPreprocessor.Channels, RoiPreprocessor.Side, RoiPreprocessor.Side]);
            using var pooledValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, result.Pooled.AsMemory(), [count, ResNet18Backbone.FeatureLength, 1, 1]);
            using var stage3Value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, result.Stage3.AsMemory(), [count, Stage3.Channels, Stage3.Height, Stage3.Width]);
            using var stage4Value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, result.Stage4.AsMemory(), [count, Stage4.Channels, Stage4.Height, Stage4.Width]);
            using var options = new RunOptions();
            session.Value.Run(options, [InputName], [inputValue], [PooledName, Stage3Name, Stage4Name], [pooledValue, stage3Value, stage4Value]);
            return result;
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
}
