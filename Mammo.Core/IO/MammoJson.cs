using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mammo.IO;

/// <summary>The one way Mammo writes JSON (model manifests, evaluations, synthetic summaries): indented, camelCase, enums by name.</summary>
internal static class MammoJson
{
    /// <summary>The serializer options of every JSON file the library writes.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
