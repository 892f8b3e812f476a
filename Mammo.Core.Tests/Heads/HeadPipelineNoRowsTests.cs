using Mammo.Heads;
using Mammo.Training;
using Microsoft.ML;

namespace Mammo.Tests.Heads;

/// <summary>Fitting on no rows: the pipeline still builds its schema, so the refusal is the trainer's, not an index error.</summary>
public sealed class HeadPipelineNoRowsTests
{
    [Fact]
    public void Fitting_no_rows_is_refused_by_the_trainer()
    {
        var e = Assert.Throws<InvalidOperationException>(() => HeadPipeline.Fit(new MLContext(3), HeadTrainer.LbfgsLogisticRegression, 1, [], [], false));
        Assert.Contains("No valid training instances found", e.Message, StringComparison.Ordinal);
    }
}
