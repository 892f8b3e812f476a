using Mammo.Featurization;
using System.Globalization;
using CsCheck;
using Mammo.Backbone;
using Mammo.MachineLearning;
using Mammo.Rois;
using Mammo.Tests.Cli;
using Mammo.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Tests.MachineLearning;

public sealed class MammoCatalogTests
{
    [Fact]
    public void Features_equal_Mammos_own_featurisation_for_the_same_files()
    {
        using var temp = new TempDirectory();
        var paths = SmallSynthetic.Train.Items.Take(4).Select(i => i.RoiPath).Concat(Pngs(temp, 2)).ToList();
        foreach (var options in new[] { RoiOptions.Default, new RoiOptions { LesionCropFactor = 0 } })
        {
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(paths.Select(p => new RoiRow { RoiPath = p }));
            var features = ml.Transforms.FeaturizeMammogramRoi("Features", "RoiPath", options).Fit(data).Transform(data)
                .GetColumn<float[]>("Features").ToList();
            var own = new FeatureSource(ResNet18Backbone.Shared, options, cache: null).Featurize(paths, p => p, [0], false, null, default);
            for (var i = 0; i < paths.Count; i++)
            {
                Assert.Equal(ResNet18Backbone.FeatureLength, features[i].Length);
                AssertClose(own.Vector(i, 0), features[i], paths[i]);
            }
        }
    }

    [Fact]
    public void The_options_change_the_features_and_the_output_holds_no_working_columns()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(SmallSynthetic.Train.Items.Take(1).Select(i => new RoiRow { RoiPath = i.RoiPath }));
        var cropped = ml.Transforms.FeaturizeMammogramRoi().Fit(data).Transform(data);
        var whole = ml.Transforms.FeaturizeMammogramRoi(options: new RoiOptions { LesionCropFactor = 0 }).Fit(data).Transform(data);
        Assert.NotEqual(cropped.GetColumn<float[]>("Features").Single(), whole.GetColumn<float[]>("Features").Single());
        Assert.Equal(["RoiPath", "Label", "Features"], cropped.Schema.Select(c => c.Name));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 512), cropped.Schema["Features"].Type);
    }

    [Fact]
    public void A_pipeline_saved_with_Model_Save_scores_identically_in_a_fresh_process()
    {
        using var temp = new TempDirectory();

        // Non-default options: a fresh process that fell back to the defaults would give other scores.
        var options = new RoiOptions { LesionCropFactor = 3 };
        var ml = new MLContext(seed: 1);
        // A balanced subset keeps the test quick; what is checked is the round trip, not the accuracy.
        var items = SmallSynthetic.Train.Items.GroupBy(i => i.Record.IsMalignant).SelectMany(g => g.Take(12));
        var train = ml.Data.LoadFromEnumerable(items.Select(i => new RoiRow { RoiPath = i.RoiPath, Label = i.Record.IsMalignant }));
        var pipeline = ml.Transforms.FeaturizeMammogramRoi("Features", "RoiPath", options)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var model = pipeline.Fit(train);
        var path = temp.File("pipeline.zip");
        ml.Model.Save(model, train.Schema, path);

        var files = SmallSynthetic.Test.Items.Take(8).Select(i => i.RoiPath).ToList();
        AssertSameScoresInFreshProcess(ml, model, path, files);
    }

    [Fact]
    public void MLImage_input_gives_the_same_features_as_the_path_and_survives_save_load_in_a_fresh_process()
    {
        using var temp = new TempDirectory();
        var files = Pngs(temp, 6);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(files.Select((p, i) => new RoiRow { RoiPath = p, Label = i % 2 == 0 }));
        var byPath = ml.Transforms.FeaturizeMammogramRoi("Features", "RoiPath").Fit(data).Transform(data).GetColumn<float[]>("Features").ToList();
        var imagePipeline = ml.Transforms.LoadImages("Image", null, "RoiPath").Append(ml.Transforms.FeaturizeMammogramRoi("Features", "Image"));
        var byImage = imagePipeline.Fit(data).Transform(data);

        // Twice: ML.NET images are disposable and one pitfall (#7444) shows only on a second pass.
        for (var pass = 0; pass < 2; pass++)
        {
            var features = byImage.GetColumn<float[]>("Features").ToList();
            for (var i = 0; i < files.Count; i++)
            {
                AssertClose(byPath[i], features[i], files[i]);
            }
        }

        var model = imagePipeline
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(data);
        var path = temp.File("image-pipeline.zip");
        ml.Model.Save(model, data.Schema, path);
        AssertSameScoresInFreshProcess(ml, model, path, files);
    }

    [Fact]
    public void A_bad_ROI_stops_the_pipeline_with_a_RoiFormatException_naming_the_file()
    {
        using var temp = new TempDirectory();
        var missing = temp.File("missing.png");
        var notPng = TestFiles.WriteText(temp, "text.png", "not a png");
        var ml = new MLContext(seed: 1);
        foreach (var bad in new[] { missing, notPng })
        {
            var data = ml.Data.LoadFromEnumerable(new[] { new RoiRow { RoiPath = bad } });
            var scored = ml.Transforms.FeaturizeMammogramRoi().Fit(data).Transform(data);
            // ML.NET reads rows on several threads and wraps a worker's error in its own exception: look inside.
            var thrown = Record.Exception(() => scored.GetColumn<float[]>("Features").ToList());
            var error = Assert.IsType<RoiFormatException>(Innermost<RoiFormatException>(thrown));
            Assert.Equal(bad, error.FilePath);
            Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_column_that_holds_no_ROIs_or_a_reserved_name_is_refused()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new RoiRow { RoiPath = "x.png" } });
        var wrongType = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.FeaturizeMammogramRoi("Features", "Label").Fit(data));
        Assert.Contains("Boolean", wrongType.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.FeaturizeMammogramRoi("Features", "Nowhere").Fit(data));
        Assert.Throws<ArgumentException>(() => ml.Transforms.FeaturizeMammogramRoi("__mammo_features"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.FeaturizeMammogramRoi(options: new RoiOptions { LesionCropFactor = 1 }));
    }

    [Fact]
    public void Options_round_trip_through_their_saved_text()
    {
        var odd = new RoiOptions { DatasetName = "a;b=\"c\\d\" é", ImageChannel = 2, MaskChannel = null, MaskFileSuffix = "-Maske ü;", LesionCropFactor = 2.0000000001 };
        foreach (var options in new[] { RoiOptions.Default, odd })
        {
            var text = RoiOptionsText.Format(options);
            Assert.DoesNotContain('"', text);
            Assert.DoesNotContain('\\', text);
            Assert.Equal(options, RoiOptionsText.Parse(text));
        }

        Assert.Throws<FormatException>(() => RoiOptionsText.Parse("mammo-roi-options-v1;ds=data"));
        Assert.Throws<FormatException>(() => RoiOptionsText.Parse(RoiOptionsText.Format(RoiOptions.Default).Replace("crop=2.5", "crop=1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Damaged_options_text_is_refused_and_never_misread()
    {
        var valid = RoiOptionsText.Format(new RoiOptions { MaskChannel = 3, LesionCropFactor = 2.75 });
        var gen = Gen.OneOf(
            Gen.String,
            Gen.Int[0, valid.Length - 1].Select(Gen.Char, (i, c) => valid[..i] + c + valid[(i + 1)..]),
            Gen.Int[0, valid.Length].Select(i => valid[..i]));
        Fuzz.Run(gen, 500, text =>
        {
            try
            {
                // What is accepted is valid and written back the same way.
                var options = RoiOptionsText.Parse(text);
                Assert.Equal(options, RoiOptionsText.Parse(RoiOptionsText.Format(options)));
            }
            catch (FormatException)
            {
            }
        });
        Assert.Throws<ModelFileException>(() => RoiOptionsText.FromPipeline("x"));
    }

    private static void AssertSameScoresInFreshProcess(MLContext ml, ITransformer model, string modelPath, IReadOnlyList<string> files)
    {
        var scored = model.Transform(ml.Data.LoadFromEnumerable(files.Select(f => new RoiRow { RoiPath = f })));
        var scores = scored.GetColumn<float>("Score").ToList();
        var probabilities = scored.GetColumn<float>("Probability").ToList();
        Assert.True(scores.Distinct().Count() > 1, "the scores should differ between ROIs");

        var run = MammoProcess.RunSample("Mammo.PipelineScorer", "pipeline-scorer", [modelPath, .. files]);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(files.Count, lines.Length);
        for (var i = 0; i < files.Count; i++)
        {
            var fields = lines[i].Split('\t');
            Assert.Equal(files[i], fields[0]);
            Assert.Equal(scores[i], float.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal(probabilities[i], float.Parse(fields[2], CultureInfo.InvariantCulture));
        }
    }

    private static T? Innermost<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = Math.Max(1e-3f, expected.Max(Math.Abs));
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-4f * scale, $"{what}: feature {k} is {actual[k]}, Mammo's own {expected[k]}");
        }
    }

    /// <summary>8-bit grey PNG crops with a bright lesion at varying places; every other one has its lesion mask beside it.</summary>
    private static List<string> Pngs(TempDirectory temp, int count)
    {
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            int width = 96 + (13 * i), height = 120 - (7 * i);
            var (image, mask) = TestFiles.Disc(width, height, width * (0.35 + (0.05 * i)), height * 0.5, 10 + (3 * i));
            var path = temp.File($"roi{i}.png");
            File.WriteAllBytes(path, PngGrayscale.Encode(width, height, 8, image.Select(v => (ushort)Math.Round(v * 255)).ToArray()));
            if (i % 2 == 1)
            {
                File.WriteAllBytes(temp.File($"roi{i}_mask.png"), PngGrayscale.Encode(width, height, 8, mask.Select(v => (ushort)(v * 255)).ToArray()));
            }

            paths.Add(path);
        }

        return paths;
    }

    private sealed class RoiRow
    {
        public string RoiPath { get; set; } = "";

        public bool Label { get; set; }
    }
}
