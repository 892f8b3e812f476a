using CsCheck;

namespace Mammo.Tests.Support;

/// <summary>One change to a valid file's bytes: flip a byte, cut the file short, or repeat a stretch of it.</summary>
public readonly record struct Mutation(int Kind, double Position, double Length, byte Value)
{
    public static readonly Gen<Mutation[]> Several =
        Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Double[0, 0.2], Gen.Byte, (kind, position, length, value) => new Mutation(kind, position, length, value))
            .Array[1, 4];

    public static byte[] Apply(byte[] original, IEnumerable<Mutation> mutations)
    {
        var bytes = original.ToList();
        foreach (var m in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var at = Math.Min(bytes.Count - 1, (int)(m.Position * bytes.Count));
            switch (m.Kind)
            {
                case 0:
                    bytes[at] ^= (byte)(m.Value | 1);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    var length = Math.Min(bytes.Count - at, 1 + (int)(m.Length * bytes.Count));
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }
}
