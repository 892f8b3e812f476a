namespace Mammo.Backbone;

/// <summary>What one pass of <see cref="ResNet18StageRunner"/> yields for a batch, image after image in each array.</summary>
/// <param name="Count">The number of images.</param>
/// <param name="Pooled">512 average-pooled features per image.</param>
/// <param name="Stage3">The 256 x 14 x 14 map per image (input of the last stage).</param>
/// <param name="Stage4">The 512 x 7 x 7 map per image (last stage, before pooling).</param>
internal sealed record StageOutputs(int Count, float[] Pooled, float[] Stage3, float[] Stage4)
{
    public ReadOnlySpan<float> PooledOf(int image) => Pooled.AsSpan(image * ResNet18Backbone.FeatureLength, ResNet18Backbone.FeatureLength);

    public ReadOnlySpan<float> Stage3Of(int image) => Stage3.AsSpan(image * ResNet18StageRunner.Stage3.Length, ResNet18StageRunner.Stage3.Length);

    public ReadOnlySpan<float> Stage4Of(int image) => Stage4.AsSpan(image * ResNet18StageRunner.Stage4.Length, ResNet18StageRunner.Stage4.Length);
}
