using System.Globalization;
using System.Text;
using Mammo.Data;
using Mammo.Evaluation;
using Mammo.Explanation;

namespace Mammo.Cli.Reporting;

/// <summary>
/// The report's explanations: for the model's most confident true positives, false positives and false negatives, the ROI
/// and its crop beside the occlusion map; and a "what the network sees" panel of ROIs and their 224 x 224 inputs.
/// </summary>
internal sealed class Gallery
{
    /// <summary>Rows explained per kind by default: 3 kinds x 2 x about 1.3 s on 2 cores.</summary>
    public const int DefaultPerKind = 2;

    /// <summary>ROIs in the "what the network sees" panel (taken from the gallery: no extra work).</summary>
    public const int NetworkViewRois = 4;

    private const string NetworkViewFile = "network-view.png";

    private readonly IReadOnlyList<(GalleryCase Case, MassExplanation Explanation, string File)> items;
    private readonly int perKind;

    private Gallery(IReadOnlyList<(GalleryCase, MassExplanation, string)> items, int perKind)
    {
        this.items = items;
        this.perKind = perKind;
    }

    /// <summary>Explains up to <paramref name="perKind"/> rows of each kind; none (no gallery) when it is 0.</summary>
    public static Gallery? Build(MassClassifier classifier, MassEvaluation evaluation, MassDataset dataset, int perKind, CancellationToken token)
    {
        if (perKind == 0)
        {
            return null;
        }

        Console.WriteLine("explaining the most confident true positives, false positives and false negatives for the report...");
        var chosen = ExplanationGallery.Choose(evaluation, dataset, perKind);
        return new Gallery(chosen.Select((c, i) => (c, classifier.Explain(c.RoiPath, null, token), $"gallery-{i + 1}-{Slug(c.Kind)}.png")).ToList(), perKind);
    }

    public void WritePictures(string directory)
    {
        foreach (var (c, explanation, file) in items)
        {
            ExplanationPlots.SideBySide(Path.Combine(directory, file), explanation, $"{Name(c.Kind)}: {ExplanationPlots.Title(c.Case.CaseKey, explanation)}");
        }

        if (items.Count > 0)
        {
            ExplanationPlots.NetworkView(
                Path.Combine(directory, NetworkViewFile), items.Take(NetworkViewRois).Select(i => (i.Case.Case.CaseKey, i.Explanation)).ToList());
        }
    }

    public void AppendMarkdown(StringBuilder md)
    {
        md.AppendLine("## Where the model looks").AppendLine()
          .AppendLine(CultureInfo.InvariantCulture, $"Occlusion sensitivity for the model's {perKind} most confident true positives, false positives and false negatives (as many as there are). A grey square of a quarter of the input's side slid over the network's input on a 7 x 7 grid; the colour shows how much hiding each place lowered the malignancy logit: red places pushed the score towards malignant, blue towards benign. Left: the ROI, the crop the network saw (gold, dashed) and the lesion mask's extent (green). Right: the network's input with the map.").AppendLine();
        if (items.Count == 0)
        {
            md.AppendLine("No row could be explained (no ROI file known for any evaluated row).").AppendLine();
            return;
        }

        foreach (var (c, explanation, file) in items)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**{Name(c.Kind)}** `{c.Case.CaseKey}`: probability {explanation.Prediction.Probability:F3}, largest change {explanation.MaximumMagnitude:F3} logits").AppendLine()
              .AppendLine(CultureInfo.InvariantCulture, $"![{Name(c.Kind)} {c.Case.CaseKey}]({file})").AppendLine();
        }

        md.AppendLine("## What the network sees").AppendLine()
          .AppendLine("Each ROI with the square the preprocessing crops (lesion-centred from the mask, or the whole crop padded to a square) and the 224 x 224 input made from it. If the input does not show the lesion, the crop settings do not fit this data.").AppendLine()
          .AppendLine(CultureInfo.InvariantCulture, $"![What the network sees]({NetworkViewFile})").AppendLine();
    }

    private static string Name(GalleryKind kind) => kind switch
    {
        GalleryKind.TruePositive => "True positive",
        GalleryKind.FalsePositive => "False positive",
        _ => "False negative",
    };

    private static string Slug(GalleryKind kind) => Name(kind).ToLowerInvariant().Replace(' ', '-');
}
