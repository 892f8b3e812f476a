using Mammo.Evaluation;
using Mammo.Explanation;
using Mammo.Tests.Support;

namespace Mammo.Tests.Explanation;

public sealed class ExplanationGalleryTests
{
    [Fact]
    public void The_most_confident_hits_and_mistakes_are_chosen_in_order_with_their_roi_files()
    {
        var evaluation = SmallSynthetic.Model.Evaluate(SmallSynthetic.Test, new EvaluationOptions { FeatureCacheDirectory = SmallSynthetic.CacheDirectory, BootstrapResamples = 0 });
        var t = evaluation.Threshold;
        var chosen = ExplanationGallery.Choose(evaluation, SmallSynthetic.Test, 2);

        void Check(GalleryKind kind, Func<ScoredCase, bool> where, bool highestFirst)
        {
            var expected = evaluation.Cases.Where(where).OrderBy(c => highestFirst ? -c.Probability : c.Probability).ThenBy(c => c.CaseKey, StringComparer.Ordinal).Take(2).ToList();
            Assert.Equal(expected, chosen.Where(c => c.Kind == kind).Select(c => c.Case));
        }

        Check(GalleryKind.TruePositive, c => c.IsMalignant && c.Probability >= t, true);
        Check(GalleryKind.FalsePositive, c => !c.IsMalignant && c.Probability >= t, true);
        Check(GalleryKind.FalseNegative, c => c.IsMalignant && c.Probability < t, false);
        Assert.Equal(chosen.OrderBy(c => c.Kind).Select(c => c.Case), chosen.Select(c => c.Case));
        Assert.Contains(chosen, c => c.Kind == GalleryKind.TruePositive);
        Assert.All(chosen, c => Assert.Equal(Path.Combine(SmallSynthetic.Data.RoiDirectory, c.Case.CaseKey + ".h5"), c.RoiPath));
        Assert.Empty(ExplanationGallery.Choose(evaluation, SmallSynthetic.Test, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExplanationGallery.Choose(evaluation, SmallSynthetic.Test, -1));
    }
}
