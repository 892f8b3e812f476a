using System.Collections.Concurrent;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Heads;

/// <summary>
/// The one scorer of a fitted head, for every caller (validation in the head search, evaluation, cross-validation,
/// batch and single prediction): pooled prediction engines, so it is thread-safe and has no per-call pipeline set-up.
/// </summary>
internal sealed class HeadScorer
{
    private readonly ConcurrentBag<PredictionEngine<FeatureRow, HeadOutput>> engines = [];
    private readonly SchemaDefinition schema;

    /// <param name="context">The head's context.</param>
    /// <param name="head">The fitted ML.NET head.</param>
    /// <param name="featureLength">The length of the head's input vectors.</param>
    /// <param name="recipe">Turns each incoming vector (a feature bundle) into the head's input; <see langword="null"/> passes vectors as they are.</param>
    /// <param name="calibration">Maps the head's probability to a calibrated one (fitted on held-out scores); <see langword="null"/> for none.</param>
    public HeadScorer(MLContext context, ITransformer head, int featureLength, Features.FeatureRecipe? recipe = null, PlattScaling? calibration = null)
    {
        Context = context;
        Head = head;
        FeatureLength = featureLength;
        Recipe = recipe;
        Calibration = calibration ?? PlattScaling.Identity;
        schema = FeatureRow.Schema(featureLength);
    }

    public Features.FeatureRecipe? Recipe { get; }

    public PlattScaling Calibration { get; }

    public MLContext Context { get; }

    public ITransformer Head { get; }

    public int FeatureLength { get; }

    /// <summary>Scores each vector.</summary>
    public double[] Score(IReadOnlyList<float[]> vectors) => ScoreCases(vectors, 1);

    /// <summary>Scores each case as the mean probability of its <paramref name="perCase"/> consecutive vectors.</summary>
    public double[] ScoreCases(IReadOnlyList<float[]> vectors, int perCase)
    {
        var engine = Rent();
        try
        {
            var row = new FeatureRow();
            var scores = new double[vectors.Count / perCase];
            for (var c = 0; c < scores.Length; c++)
            {
                var sum = 0.0;
                for (var t = 0; t < perCase; t++)
                {
                    row.Features = Recipe is null ? vectors[(c * perCase) + t] : Recipe.Apply(vectors[(c * perCase) + t]);
                    sum += Calibration.Apply(engine.Predict(row).Probability);
                }

                scores[c] = sum / perCase;
            }

            return scores;
        }
        finally
        {
            engines.Add(engine);
        }
    }

    /// <summary>Scores the cases of a head's data.</summary>
    public double[] ScoreCases(HeadData data) => ScoreCases(data.Vectors, data.VectorsPerCase);

    /// <summary>Scores a featurised dataset's rows under the given transforms, each row carrying its record.</summary>
    public List<ScoredCase> ScoreCases(FeaturizedSet<MassCase> set, IReadOnlyList<int> transforms)
    {
        var probabilities = ScoreCases(set.Vectors(transforms), transforms.Count);
        return [.. set.Cases.Select((c, i) => new ScoredCase(c.Record.CaseKey, c.Record.PatientId, c.Record.LesionKey, c.Record.IsMalignant, probabilities[i]))];
    }

    private PredictionEngine<FeatureRow, HeadOutput> Rent() =>
        engines.TryTake(out var engine) ? engine : Context.Model.CreatePredictionEngine<FeatureRow, HeadOutput>(Head, inputSchemaDefinition: schema);
}
