using System.CommandLine;
using Mammo.Cli;
using Mammo.Cli.Commands;

var root = new RootCommand("Mammo: benign vs malignant breast masses in mammogram ROIs by transfer learning (research use only).");
root.Options.Add(CliOptions.Verbose);
foreach (var command in new[]
{
    StatsCommand.Create(), ImportCommand.Create(), SynthCommand.Create(), TrainCommand.Create(), EvaluateCommand.Create(),
    PredictCommand.Create(), ExplainCommand.Create(), CrossValidateCommand.Create(), DemoCommand.Create(),
})
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
