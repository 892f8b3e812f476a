namespace Mammo.Features;

/// <summary>Which output of the backbone a feature block comes from.</summary>
internal enum MapSource
{
    /// <summary>The network's own 512 average-pooled features.</summary>
    Pooled,

    /// <summary>The 256 x 14 x 14 map entering the last stage.</summary>
    Stage3,

    /// <summary>The 512 x 7 x 7 map of the last stage, before pooling.</summary>
    Stage4,
}
