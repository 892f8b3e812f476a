// pipeline-scorer MODEL.zip FILE...
// Loads an ML.NET pipeline saved with mlContext.Model.Save, gives it the files as its RoiPath text column and prints
// "file<TAB>Score<TAB>Probability" per file in round-trip form. Nothing Mammo-specific is called: ML.NET finds
// Mammo's featuriser in the saved pipeline by itself.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: pipeline-scorer MODEL.zip FILE...");
    return 2;
}

var context = new MLContext(seed: 0);
var pipeline = context.Model.Load(args[0], out _);
var rows = args.Skip(1).Select(path => new Row { RoiPath = Path.GetFullPath(path) }).ToList();
var scored = pipeline.Transform(context.Data.LoadFromEnumerable(rows));
var scores = scored.GetColumn<float>("Score").ToList();
var probabilities = scored.GetColumn<float>("Probability").ToList();
for (var i = 0; i < rows.Count; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows[i].RoiPath}\t{scores[i]:R}\t{probabilities[i]:R}"));
}

return 0;
