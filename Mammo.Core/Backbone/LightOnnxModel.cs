using Google.Protobuf;
using Onnx;

namespace Mammo.Backbone;

/// <summary>
/// An ONNX model whose large initializers (the network's weights) stay the file's own bytes instead of being parsed:
/// the graph is edited (extra outputs, a variable batch) on a model that holds only their names, types and shapes, and
/// the weights' bytes are spliced back unchanged when it is written.
/// </summary>
/// <remarks>
/// ResNet18.onnx stores its 16 million weights as packed <c>float_data</c>, which Google.Protobuf parses and re-encodes
/// one float at a time: about 0.35 s of every process that runs the network (a console call, a test host). Protobuf
/// merges a message field that occurs twice, so the graph is written as one field holding the edited graph followed
/// by the weights' original initializer entries.
/// </remarks>
internal sealed class LightOnnxModel
{
    /// <summary>Initializers of at least this many encoded bytes are held out of the parse.</summary>
    internal const int HeldOutBytes = 64 * 1024;

    private const int GraphField = 7; // ModelProto.graph
    private const int InitializerField = 5; // GraphProto.initializer

    // TensorProto's value fields: float_data, int32_data, string_data, int64_data, raw_data, double_data, uint64_data.
    private static readonly int[] TensorValueFields = [4, 5, 6, 7, 9, 10, 11];

    private readonly byte[] file;
    private readonly List<(TensorProto Header, int Start, int End, TensorProto Original)> heldOut;

    private LightOnnxModel(byte[] file, ModelProto model, List<(TensorProto, int, int, TensorProto)> heldOut)
    {
        this.file = file;
        Model = model;
        this.heldOut = heldOut;
    }

    /// <summary>Gets the model to edit: every field of the file, with each held-out initializer reduced to its header.</summary>
    public ModelProto Model { get; }

    /// <summary>Gets how many initializers are held out of the parse.</summary>
    public int HeldOutCount => heldOut.Count;

    /// <summary>Reads an ONNX file's bytes, parsing everything but the values of its large initializers.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not a protobuf message.</exception>
    public static LightOnnxModel Parse(byte[] file)
    {
        var modelFields = new MemoryStream();
        var graphFields = new MemoryStream();
        var heldOut = new List<(TensorProto, int, int, TensorProto)>();
        foreach (var (field, start, content, end) in Fields(file, 0, file.Length))
        {
            if (field != GraphField || content < 0)
            {
                modelFields.Write(file, start, end - start);
                continue;
            }

            foreach (var (inner, innerStart, tensor, innerEnd) in Fields(file, content, end))
            {
                if (inner == InitializerField && tensor >= 0 && innerEnd - innerStart >= HeldOutBytes)
                {
                    var header = Header(file, tensor, innerEnd);
                    heldOut.Add((header, innerStart, innerEnd, header.Clone()));
                }
                else
                {
                    graphFields.Write(file, innerStart, innerEnd - innerStart);
                }
            }
        }

        var model = ModelProto.Parser.ParseFrom(modelFields.ToArray());
        var graph = GraphProto.Parser.ParseFrom(graphFields.ToArray());
        graph.Initializer.Add(heldOut.Select(h => h.Item1));
        model.Graph = graph;
        return new LightOnnxModel(file, model, heldOut);
    }

    /// <summary>Writes the edited model with the held-out initializers' original bytes.</summary>
    /// <exception cref="InvalidOperationException">An edit removed or changed a held-out initializer, whose bytes cannot follow.</exception>
    public byte[] ToByteArray()
    {
        var graph = Model.Graph.Clone();
        foreach (var (header, _, _, original) in heldOut)
        {
            // The bytes written are the file's: any edit of a held-out header (shape, name, type) would be lost.
            if (!Model.Graph.Initializer.Any(t => ReferenceEquals(t, header)) || !header.Equals(original))
            {
                throw new InvalidOperationException($"the edit removed or changed the initializer '{original.Name}', which was held out of the parse: this is not the expected ResNet18 export");
            }

            graph.Initializer.Remove(header);
        }

        var rest = Model.Clone();
        rest.Graph = null;
        var head = rest.ToByteArray();
        var graphBytes = graph.ToByteArray();
        var graphLength = graphBytes.Length + heldOut.Sum(h => h.End - h.Start);
        var prefix = new byte[CodedOutputStream.ComputeTagSize(GraphField) + CodedOutputStream.ComputeLengthSize(graphLength)];
        using (var coded = new CodedOutputStream(prefix))
        {
            coded.WriteTag(GraphField, WireFormat.WireType.LengthDelimited);
            coded.WriteLength(graphLength);
        }

        // One array of the final size: the 63 MB of weights are copied once.
        var output = new byte[head.Length + prefix.Length + graphLength];
        var at = 0;
        foreach (var part in new[] { head, prefix, graphBytes })
        {
            part.CopyTo(output, at);
            at += part.Length;
        }

        foreach (var (_, start, end, _) in heldOut)
        {
            file.AsSpan(start, end - start).CopyTo(output.AsSpan(at));
            at += end - start;
        }

        return output;
    }

    /// <summary>A tensor's fields without its values: name, data type, shape and the rest.</summary>
    private static TensorProto Header(byte[] file, int start, int end)
    {
        var fields = new MemoryStream();
        foreach (var (field, fieldStart, _, fieldEnd) in Fields(file, start, end))
        {
            if (!TensorValueFields.Contains(field))
            {
                fields.Write(file, fieldStart, fieldEnd - fieldStart);
            }
        }

        return TensorProto.Parser.ParseFrom(fields.ToArray());
    }

    /// <summary>
    /// The fields of the message encoded in <c>file[start..end]</c>: number, where the field starts, where a
    /// length-delimited field's content starts (-1 for other wire types), and where the field ends.
    /// </summary>
    private static List<(int Field, int Start, int Content, int End)> Fields(byte[] file, int start, int end)
    {
        // Over an array, CodedInputStream's Position is the index in that array.
        var fields = new List<(int, int, int, int)>();
        var input = new CodedInputStream(file, start, end - start);
        while (true)
        {
            var fieldStart = (int)input.Position;
            var tag = input.ReadTag();
            if (tag == 0)
            {
                return fields;
            }

            var afterTag = (int)input.Position;
            input.SkipLastField();
            var fieldEnd = (int)input.Position;
            var content = -1;
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                // The content is the field's last `length` bytes, however many bytes its length took to write.
                content = fieldEnd - new CodedInputStream(file, afterTag, fieldEnd - afterTag).ReadLength();
            }

            fields.Add((WireFormat.GetTagFieldNumber(tag), fieldStart, content, fieldEnd));
        }
    }
}
