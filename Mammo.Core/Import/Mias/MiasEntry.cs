namespace Mammo.Import.Mias;

/// <summary>One line of the MIAS truth file <c>Info.txt</c>: one film, or one abnormality of a film.</summary>
/// <param name="Line">The 1-based line in the file.</param>
/// <param name="Reference">The film, e.g. <c>mdb001</c>.</param>
/// <param name="FilmNumber">The film's number (1 for <c>mdb001</c>).</param>
/// <param name="Tissue">The background tissue: <c>F</c> fatty, <c>G</c> fatty-glandular, <c>D</c> dense-glandular.</param>
/// <param name="Class">The class: <c>CALC</c>, <c>CIRC</c>, <c>SPIC</c>, <c>MISC</c>, <c>ARCH</c>, <c>ASYM</c> or <c>NORM</c>.</param>
/// <param name="Severity"><c>B</c> or <c>M</c>; <see langword="null"/> for normal films.</param>
/// <param name="X">The centre's x, from the left edge; <see langword="null"/> without coordinates.</param>
/// <param name="Y">The centre's y, from the BOTTOM edge (the database's origin is the bottom-left corner).</param>
/// <param name="Radius">The radius in pixels of a circle enclosing the abnormality.</param>
/// <param name="WidelyDistributed">The line says <c>*NOTE 3*</c>: calcifications spread over the film, no centre given.</param>
internal sealed record MiasEntry(
    long Line, string Reference, int FilmNumber, char Tissue, string Class, char? Severity, int? X, int? Y, int? Radius, bool WidelyDistributed)
{
    /// <summary>Gets a value indicating whether the line describes an abnormality (not a normal film).</summary>
    public bool IsAbnormal => Class != MiasInfoFile.Normal;

    /// <summary>Gets a value indicating whether the line gives a centre and radius.</summary>
    public bool HasCoordinates => X is not null;
}
