using System.CommandLine;
using System.Text.Json;
using Mammo.CbisDdsm;

namespace Mammo.Cli.Commands;

/// <summary>The JSON settings every verb prints with.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
