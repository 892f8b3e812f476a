using Mammo.Rois;
using Microsoft.Extensions.Logging;

namespace Mammo.Training;

/// <summary>How the operating threshold is chosen on the validation split.</summary>
public enum ThresholdPolicy
{
    /// <summary>Maximise Youden's J = sensitivity + specificity - 1 (the default).</summary>
    YoudenJ,

    /// <summary>The highest threshold whose validation sensitivity reaches <see cref="MassClassifierOptions.TargetSensitivity"/>.</summary>
    TargetSensitivity,
}
