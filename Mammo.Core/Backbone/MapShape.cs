namespace Mammo.Backbone;

/// <summary>The shape of one image's feature map: channels x height x width, channel-major (NCHW without N).</summary>
internal readonly record struct MapShape(int Channels, int Height, int Width)
{
    public int Cells => Height * Width;

    public int Length => Channels * Height * Width;
}
