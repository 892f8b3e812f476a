using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mammo.Evaluation;

/// <summary>One scored row.</summary>
/// <param name="CaseKey">The row's case key.</param>
/// <param name="PatientId">Its patient.</param>
/// <param name="LesionKey">Its lesion (patient, side, abnormality id).</param>
/// <param name="IsMalignant">The truth.</param>
/// <param name="Probability">The model's malignancy probability.</param>
public sealed record ScoredCase(string CaseKey, string PatientId, string LesionKey, bool IsMalignant, double Probability);
