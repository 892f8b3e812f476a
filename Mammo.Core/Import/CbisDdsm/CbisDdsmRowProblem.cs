namespace Mammo.Import.CbisDdsm;

/// <summary>Why one CSV row cannot be imported; caught per row and turned into a skip or an <see cref="ImportException"/>.</summary>
internal sealed class CbisDdsmRowProblem : Exception
{
    public CbisDdsmRowProblem(string reason, bool isQuirk = false, Exception? innerException = null)
        : base(reason, innerException)
    {
        IsQuirk = isQuirk;
    }

    /// <summary>Gets a value indicating whether the problem is one of the archive's known quirks (always skipped and reported, never fatal).</summary>
    public bool IsQuirk { get; }
}
