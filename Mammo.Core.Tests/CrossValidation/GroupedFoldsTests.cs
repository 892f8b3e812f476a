using Mammo.CrossValidation;

namespace Mammo.Tests.CrossValidation;

/// <summary>Patient-grouped, class-stratified folds on small hand-made cases whose answers are counted out here.</summary>
public sealed class GroupedFoldsTests
{
    [Fact]
    public void Every_group_stays_in_one_fold_and_folds_get_equal_shares_of_each_class_dealt_round_robin_across_classes()
    {
        // Three benign and three malignant patients, two rows each; with two folds the benign ones are dealt 0,1,0 and
        // the malignant ones continue the count: 1,0,1, so each fold holds three patients (not four and two).
        string[] groups = ["b1", "b1", "b2", "b2", "b3", "b3", "m1", "m1", "m2", "m2", "m3", "m3"];
        bool[] labels = [false, false, false, false, false, false, true, true, true, true, true, true];
        var foldOf = GroupedFolds.Assign(groups, labels, 2, 5);
        Assert.Equal(groups.Length, foldOf.Length);
        for (var i = 0; i < groups.Length; i += 2)
        {
            Assert.Equal(foldOf[i], foldOf[i + 1]);
        }

        var patientsPerFold = Enumerable.Range(0, 2).Select(f => groups.Where((_, i) => foldOf[i] == f).Distinct().Count()).ToArray();
        Assert.Equal([3, 3], patientsPerFold);
        var benignPerFold = Enumerable.Range(0, 2).Select(f => groups.Where((g, i) => foldOf[i] == f && g[0] == 'b').Distinct().Count()).Order().ToArray();
        Assert.Equal([1, 2], benignPerFold);
        Assert.All(foldOf, f => Assert.InRange(f, 0, 1));
    }

    [Fact]
    public void Each_of_k_folds_gets_exactly_one_patient_of_each_class_when_each_class_has_k_patients()
    {
        string[] groups = ["a", "b", "c", "d", "e", "f", "g", "h"];
        bool[] labels = [true, false, true, false, true, false, true, false];
        var foldOf = GroupedFolds.Assign(groups, labels, 4, 1);
        for (var f = 0; f < 4; f++)
        {
            Assert.Single(foldOf.Where((fold, i) => fold == f && labels[i]));
            Assert.Single(foldOf.Where((fold, i) => fold == f && !labels[i]));
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_patient_with_any_malignant_row_is_dealt_with_the_malignant_patients(bool first, bool second)
    {
        // "x" has one benign and one malignant lesion: it is a malignant patient whatever the row order. Malignant then
        // means {x, m}: two, and benign {b, c}: two, so two folds are possible and each gets one of {x, m}.
        string[] groups = ["x", "x", "m", "b", "c"];
        bool[] labels = [first, second, true, false, false];
        Assert.Equal(2, GroupedFolds.MaximumFolds(groups, labels));
        var foldOf = GroupedFolds.Assign(groups, labels, 2, 3);
        Assert.NotEqual(foldOf[0], foldOf[2]);
        Assert.NotEqual(foldOf[3], foldOf[4]);
    }

    [Fact]
    public void The_maximum_number_of_folds_is_the_smaller_class_in_patients()
    {
        Assert.Equal(1, GroupedFolds.MaximumFolds(["a", "b", "c", "d"], [true, false, false, false]));
        Assert.Equal(3, GroupedFolds.MaximumFolds(["a", "a", "b", "c", "d", "e", "f", "g"], [true, true, true, true, false, false, false, false]));
        Assert.Equal(2, GroupedFolds.MaximumFolds(["a", "a", "b", "c", "c", "d"], [false, false, true, true, true, false]));
    }

    [Fact]
    public void A_class_with_exactly_as_many_patients_as_folds_is_enough_and_one_fewer_is_refused()
    {
        string[] groups = ["a", "b", "c", "d", "e", "f"];
        bool[] labels = [true, true, true, false, false, false];
        Assert.Equal(3, GroupedFolds.Assign(groups, labels, 3, 1).Distinct().Count());
        var e = Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(groups, labels, 4, 1));
        Assert.Equal("folds", e.ParamName);
        Assert.Contains("3 group(s) of one class are too few for 4 folds", e.Message);
    }

    [Fact]
    public void Fewer_than_two_folds_and_mismatched_lists_are_refused()
    {
        string[] groups = ["a", "b", "c", "d"];
        bool[] labels = [true, true, false, false];
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupedFolds.Assign(groups, labels, 1, 1));
        Assert.Equal(2, GroupedFolds.Assign(groups, labels, 2, 1).Distinct().Count());
        var e = Assert.Throws<ArgumentException>(() => GroupedFolds.Assign(groups, [true, false, false], 2, 1));
        Assert.Equal("groups", e.ParamName);
    }

    [Fact]
    public void The_assignment_depends_on_the_seed_and_not_on_the_row_order()
    {
        var groups = Enumerable.Range(0, 40).Select(i => $"p{i:D2}").ToArray();
        var labels = Enumerable.Range(0, 40).Select(i => i % 3 == 0).ToArray();
        var foldOf = GroupedFolds.Assign(groups, labels, 4, 11);
        Assert.Equal(foldOf, GroupedFolds.Assign(groups, labels, 4, 11));
        var order = Enumerable.Range(0, 40).OrderBy(i => (i * 17) % 40).ToArray();
        var shuffled = GroupedFolds.Assign([.. order.Select(i => groups[i])], [.. order.Select(i => labels[i])], 4, 11);
        for (var k = 0; k < order.Length; k++)
        {
            Assert.Equal(foldOf[order[k]], shuffled[k]);
        }

        // Patients are shuffled within their class: not dealt in sorted order, and another seed deals differently.
        var dealt = 0;
        var unshuffled = new int[40];
        foreach (var malignant in new[] { false, true })
        {
            foreach (var i in Enumerable.Range(0, 40).Where(i => labels[i] == malignant))
            {
                unshuffled[i] = dealt++ % 4;
            }
        }

        Assert.NotEqual(unshuffled, foldOf);
        Assert.NotEqual(foldOf, GroupedFolds.Assign(groups, labels, 4, 12));
    }
}
