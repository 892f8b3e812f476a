using Mammo.Rois;
using Microsoft.Extensions.Logging;

namespace Mammo.Training;

/// <summary>The ML.NET binary trainer used as the head on the backbone's features.</summary>
public enum HeadTrainer
{
    /// <summary>L-BFGS logistic regression (the default): calibrated by construction.</summary>
    LbfgsLogisticRegression,

    /// <summary>SDCA logistic regression.</summary>
    SdcaLogisticRegression,

    /// <summary>Linear SVM, calibrated with Platt scaling. It reads no example weights, so it cannot balance classes.</summary>
    LinearSvm,
}
