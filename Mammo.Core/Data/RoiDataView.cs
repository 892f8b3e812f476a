using Mammo.CbisDdsm;
using Mammo.Preprocessing;
using Mammo.Rois;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mammo.Data;

/// <summary>
/// A streaming ML.NET <see cref="IDataView"/> over a <see cref="MassDataset"/>: each ROI is decoded and preprocessed
/// only when a cursor reaches its row and the <c>Pixels</c> column is active, so memory stays flat whatever the size.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Column</term><description>Type and content</description></listheader>
/// <item><term><c>Label</c></term><description>Boolean: true = malignant (both benign kinds are false)</description></item>
/// <item><term><c>CaseKey</c>, <c>PatientId</c>, <c>LesionKey</c></term><description>Text</description></item>
/// <item><term><c>Pathology</c>, <c>Side</c>, <c>View</c>, <c>MassShape</c>, <c>MassMargins</c></term><description>Text, as spelled in the CSV</description></item>
/// <item><term><c>AbnormalityId</c>, <c>BreastDensity</c>, <c>Assessment</c>, <c>Subtlety</c></term><description>Int32</description></item>
/// <item><term><c>RoiPath</c></term><description>Text: the ROI file</description></item>
/// <item><term><c>Pixels</c></term><description>Single vector 3 x 224 x 224: the backbone's input (see <see cref="RoiPreprocessor"/>)</description></item>
/// </list>
/// Cursors are independent and repeatable; the schema is immutable and safe to share between threads.
/// </remarks>
internal sealed class RoiDataView : IDataView
{
    // One schema per view, built from the column lists on each construction (cheap): static tables would be fixed at
    // first use, which hides a changed column from a mutation test's long-lived test host.
    private readonly DataViewSchema schema = BuildSchema();
    private readonly MassDataset dataset;

    public RoiDataView(MassDataset dataset) => this.dataset = dataset;

    public bool CanShuffle => false;

    public DataViewSchema Schema => schema;

    public long? GetRowCount() => dataset.Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(column => column.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private static string[] TextColumns =>
        ["CaseKey", "PatientId", "LesionKey", "Pathology", "Side", "View", "MassShape", "MassMargins", "RoiPath"];

    private static string[] IntegerColumns => ["AbnormalityId", "BreastDensity", "Assessment", "Subtlety"];

    private static DataViewSchema BuildSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Label", BooleanDataViewType.Instance);
        foreach (var name in TextColumns)
        {
            builder.AddColumn(name, TextDataViewType.Instance);
        }

        foreach (var name in IntegerColumns)
        {
            builder.AddColumn(name, NumberDataViewType.Int32);
        }

        builder.AddColumn(
            "Pixels", new VectorDataViewType(NumberDataViewType.Single, RoiPreprocessor.Channels, RoiPreprocessor.Side, RoiPreprocessor.Side));
        return builder.ToSchema();
    }

    private static string Text(MassCase item, string column)
    {
        var r = item.Record;
        return column switch
        {
            "CaseKey" => r.CaseKey,
            "PatientId" => r.PatientId,
            "LesionKey" => r.LesionKey,
            "Pathology" => Vocabulary.Pathologies.ToText(r.Pathology),
            "Side" => Vocabulary.Sides.ToText(r.Side),
            "View" => Vocabulary.Views.ToText(r.View),
            "MassShape" => r.MassShapes.Count == 0 ? Vocabulary.NotAvailable : string.Join('-', r.MassShapes.Select(Vocabulary.Shapes.ToText)),
            "MassMargins" => r.MassMargins.Count == 0 ? Vocabulary.NotAvailable : string.Join('-', r.MassMargins.Select(Vocabulary.Margins.ToText)),
            "RoiPath" => item.RoiPath,
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
    }

    private static int Integer(CaseRecord r, string column) => column switch
    {
        "AbnormalityId" => r.AbnormalityId,
        "BreastDensity" => r.BreastDensity,
        "Assessment" => r.Assessment,
        "Subtlety" => r.Subtlety,
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>
    /// A forward cursor following ML.NET's conventions (RootCursorBase): <see cref="Position"/> is -1 before the first
    /// <see cref="MoveNext"/> and again once it has returned false (the cursor is then disposed and stays at the end);
    /// getters throw <see cref="InvalidOperationException"/> when the cursor is not on a row; <see cref="GetGetter{TValue}"/>
    /// returns the same delegate for a column every time.
    /// </summary>
    private sealed class Cursor(RoiDataView parent, HashSet<int> active) : DataViewRowCursor
    {
        private readonly Delegate?[] getters = new Delegate?[parent.Schema.Count];
        private ValueGetter<DataViewRowId>? idGetter;
        private long position = -1;
        private bool done;
        private long pixelsDecodedAt = -1;
        private float[] pixels = [];

        public override DataViewSchema Schema => parent.Schema;

        public override long Position => position;

        public override long Batch => 0;

        private MassCase Current => position >= 0
            ? parent.dataset.Items[(int)position]
            : throw new InvalidOperationException(done
                ? "The cursor has moved past the last row; no values can be read."
                : "The cursor is not on a row yet: call MoveNext first.");

        public override bool MoveNext()
        {
            if (done)
            {
                return false;
            }

            if (position + 1 < parent.dataset.Count)
            {
                position++;
                return true;
            }

            Dispose();
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                done = true;
                position = -1;
                pixels = [];
            }

            base.Dispose(disposing);
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() => idGetter ??= (ref DataViewRowId value) =>
        {
            _ = Current;
            value = new DataViewRowId((ulong)position, 0);
        };

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index < 0 || column.Index >= getters.Length || !IsColumnActive(column))
            {
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was made.");
            }

            var getter = getters[column.Index] ??= column.Name switch
            {
                "Label" => (ValueGetter<bool>)((ref bool value) => value = Current.Record.IsMalignant),
                "Pixels" => (ValueGetter<VBuffer<float>>)GetPixels,
                var name when IntegerColumns.Contains(name) => (ValueGetter<int>)((ref int value) => value = Integer(Current.Record, name)),
                var name => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = Text(Current, name).AsMemory()),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is of type {column.Type}, not {typeof(TValue).Name}.");
        }

        private void GetPixels(ref VBuffer<float> value)
        {
            var item = Current;
            if (pixelsDecodedAt != position)
            {
                var roi = RoiReader.Read(item.RoiPath, parent.dataset.RoiOptions);
                pixels = RoiPreprocessor.Preprocess(roi, parent.dataset.RoiOptions);
                pixelsDecodedAt = position;
            }

            var editor = VBufferEditor.Create(ref value, pixels.Length);
            pixels.CopyTo(editor.Values);
            value = editor.Commit();
        }
    }
}
