using Mammo.Rois;
using Microsoft.Extensions.Logging;

namespace Mammo.Training;

/// <summary>Augmentation of the ROIs by the 8 symmetries of the square (flips and quarter turns).</summary>
public enum Augmentation
{
    /// <summary>No augmentation (the default; see the remarks of <see cref="MassClassifierOptions"/>).</summary>
    None,

    /// <summary>All 8 dihedral transforms.</summary>
    Dihedral,
}
