using Mammo.Backbone;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Mammo.Heads;

/// <summary>The head's output column that Mammo reads.</summary>
internal sealed class HeadOutput
{
    public float Probability { get; set; }
}
