using Mammo.Rois;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Mammo.MachineLearning;

/// <summary>
/// The estimator behind <see cref="MammoCatalog.FeaturizeMammogramRoi"/>: chooses the path or the image route by the
/// input column's type and fits a chain made only of ML.NET's own saveable transformers.
/// </summary>
/// <remarks>
/// <para>A library cannot write its own saveable ML.NET transformer (the save context is internal to ML.NET), so the
/// fitted chain is: copy the input to a working column; ML.NET's expression transform writes the options as a constant
/// text column (that is how they are saved with the pipeline); a custom mapping with a contract name featurises;
/// the features are copied to the output column and the working columns dropped.</para>
/// <para>Each step is fitted on its own, the image mappings on an empty stand-in view: ML.NET's custom-mapping
/// estimator refuses an image column of any size made elsewhere ("expected Image, got Image"), while the fitted mapping
/// reads it. <see cref="GetOutputSchema"/> is therefore worked out here, not by chaining ML.NET's estimators.</para>
/// </remarks>
internal sealed class RoiFeaturizerEstimator : IEstimator<ITransformer>
{
    private static readonly SchemaShape NoColumns = new([]);

    private readonly MLContext context;
    private readonly string outputColumnName;
    private readonly string inputColumnName;
    private readonly string optionsExpression;

    public RoiFeaturizerEstimator(MLContext context, string outputColumnName, string inputColumnName, RoiOptions options)
    {
        this.context = context;
        this.outputColumnName = outputColumnName;
        this.inputColumnName = inputColumnName;

        // Percent-encoded options hold no quote or backslash, so they sit in the literal as they are.
        optionsExpression = $"x => \"{RoiOptionsText.Format(options)}\"";
    }

    private enum Route
    {
        Path,
        Image,
    }

    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = input.Schema.GetColumnOrNull(inputColumnName)
            ?? throw new ArgumentOutOfRangeException(nameof(input), $"The input column '{inputColumnName}' is not in the data.");
        var route = RouteFor(column.Type);
        var steps = route == Route.Path
            ? new (IEstimator<ITransformer> Step, IDataView? StandIn)[]
            {
                (context.Transforms.CopyColumns(ColumnNames.RoiPath, inputColumnName), null),
                (context.Transforms.Expression(ColumnNames.RoiOptions, optionsExpression, ColumnNames.RoiPath), null),
                (context.Transforms.CustomMapping(new PathFeaturesFactory().GetMapping(), PathFeaturesFactory.ContractName), null),
            }
            : ImageSteps();

        var transformers = new List<ITransformer>();
        var current = input;
        string[] working = route == Route.Path
            ? [ColumnNames.RoiPath, ColumnNames.RoiOptions, ColumnNames.Features]
            : [ColumnNames.RoiImage, ColumnNames.Marker, ColumnNames.RoiOptions, ColumnNames.Features];
        foreach (var (step, standIn) in steps.Concat(Finish(working)))
        {
            // A stand-in is a view whose schema the step accepts; the fitted mapping then runs on the real data.
            var transformer = step.Fit(standIn ?? current);
            transformers.Add(transformer);
            current = transformer.Transform(current);
        }

        return new TransformerChain<ITransformer>([.. transformers]);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var matches = inputSchema.Where(c => c.Name == inputColumnName).ToList();
        if (matches.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"The input column '{inputColumnName}' is not in the data.");
        }

        var column = matches[0];
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar)
        {
            throw NotRoiColumn(column.ItemType + " vector");
        }

        _ = RouteFor(column.ItemType);

        // The output column's shape, as ML.NET's own estimators describe it.
        var features = context.Transforms.CustomMapping(new NoColumnsFeatures().GetMapping(), null).GetOutputSchema(NoColumns);
        var renamed = context.Transforms.CopyColumns(outputColumnName, ColumnNames.Features).GetOutputSchema(features);
        var result = inputSchema.ToDictionary(c => c.Name, StringComparer.Ordinal);
        result[outputColumnName] = renamed.Single(c => c.Name == outputColumnName);
        return new SchemaShape(result.Values);
    }

    private static Route RouteFor(DataViewType type) => type switch
    {
        TextDataViewType => Route.Path,
        ImageDataViewType => Route.Image,
        _ => throw NotRoiColumn(type.ToString() ?? type.GetType().Name),
    };

    private static ArgumentOutOfRangeException NotRoiColumn(string type) => new(
        "inputColumnName", $"The ROI column must hold text (ROI file paths) or images (MLImage, from LoadImages); it holds {type}.");

    private (IEstimator<ITransformer> Step, IDataView? StandIn)[] ImageSteps()
    {
        ImageTypeRegistration.Ensure();
        return
        [
            (context.Transforms.CopyColumns(ColumnNames.RoiImage, inputColumnName), null),
            (context.Transforms.CustomMapping(new ImageMarkerFactory().GetMapping(), ImageMarkerFactory.ContractName),
                context.Data.LoadFromEnumerable(Array.Empty<ImageOnlyRow>())),
            (context.Transforms.Expression(ColumnNames.RoiOptions, optionsExpression, ColumnNames.Marker), null),
            (context.Transforms.CustomMapping(new ImageFeaturesFactory().GetMapping(), ImageFeaturesFactory.ContractName),
                context.Data.LoadFromEnumerable(Array.Empty<ImageRow>())),
        ];
    }

    private IEnumerable<(IEstimator<ITransformer> Step, IDataView? StandIn)> Finish(string[] working)
    {
        yield return (context.Transforms.CopyColumns(outputColumnName, ColumnNames.Features), null);
        yield return (context.Transforms.DropColumns(working), null);
    }

    /// <summary>A mapping used only for its output column's shape; never run, never saved.</summary>
    private sealed class NoColumnsFeatures : Microsoft.ML.Transforms.CustomMappingFactory<NoColumnsRow, FeatureRow>
    {
        public override Action<NoColumnsRow, FeatureRow> GetMapping() => static (_, _) => { };
    }
}
