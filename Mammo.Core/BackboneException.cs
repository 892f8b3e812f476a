namespace Mammo;

/// <summary>The pretrained backbone's model files are missing or unusable in this installation.</summary>
public sealed class BackboneException : MammoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, naming the file.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public BackboneException(string problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
