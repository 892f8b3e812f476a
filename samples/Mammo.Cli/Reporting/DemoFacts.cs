using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mammo.CbisDdsm;
using Mammo.Cli.Commands;
using Mammo.Evaluation;
using Mammo.Training;

namespace Mammo.Cli.Reporting;

/// <summary>Facts about a synthetic run that the report states beside the evaluation.</summary>
/// <param name="OracleAuc">The generator's oracle AUC on the evaluated split.</param>
/// <param name="TrainingStatistics">The training CSV's statistics.</param>
/// <param name="Predictions">A few predictions made with the reloaded model.</param>
internal sealed record DemoFacts(double OracleAuc, DatasetStatistics TrainingStatistics, IReadOnlyList<MassPrediction> Predictions);
