using Mammo.CrossValidation;

namespace Mammo.Tests.CrossValidation;

/// <summary>
/// The fold assignment's documented procedure, written out: each class's groups sorted ordinally, shuffled with the
/// seed's generator (benign first, then malignant), and dealt round the folds.
/// </summary>
public sealed class GroupedFoldsOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Each_class_is_sorted_ordinally_then_shuffled_and_dealt(int seed)
    {
        // Rows out of order, so only the sort can make the procedure reproducible.
        string[] groups = ["b2", "m1", "b0", "m3", "b1", "m0", "b3", "m2"];
        bool[] labels = [false, true, false, true, false, true, false, true];
        var random = new Random(seed);
        var benign = new[] { "b0", "b1", "b2", "b3" };
        var malignant = new[] { "m0", "m1", "m2", "m3" };
        random.Shuffle(benign);
        random.Shuffle(malignant);
        var expected = new Dictionary<string, int>();
        var dealt = 0;
        foreach (var group in benign.Concat(malignant))
        {
            expected[group] = dealt++ % 3;
        }

        Assert.Equal(groups.Select(g => expected[g]), GroupedFolds.Assign(groups, labels, 3, seed));
    }

    [Fact]
    public void A_label_count_that_differs_from_the_group_count_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(["a", "b"], [true], 2, 1));
        Assert.Equal("groups", e.ParamName);
        Assert.StartsWith("One group per label is needed.", e.Message);
    }
}
